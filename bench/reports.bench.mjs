// Trend reports (report.html + report.md + report.json) from histories of 100, 1,000 and 10,000 build records.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateReports } from '@shipwatch/core'
import { appSizedBuildRecord } from '../test-support/records.ts'
import { ms, printTable, timeMedian } from './lib/measure.mjs'

export default async function reportsBench() {
  const rows = [['records', 'history', 'generate reports (median of 5)', 'report.html', 'bar']]
  for (const count of [100, 1_000, 10_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'shipwatch-bench-report-'))
    const start = Date.parse('2026-01-01')
    const lines = Array.from({ length: count }, (_, i) =>
      JSON.stringify(appSizedBuildRecord(i, start + i * 60_000)),
    )
    writeFileSync(join(dir, 'history.jsonl'), `${lines.join('\n')}\n`)
    let html = ''
    const time = await timeMedian(
      () => {
        html = generateReports({ historyDir: dir, env: {} }).files.html
      },
      { runs: 5 },
    )
    rows.push([
      count.toLocaleString('en'),
      `${(statSync(join(dir, 'history.jsonl')).size / 1e6).toFixed(1)} MB`,
      ms(time),
      `${(statSync(html).size / 1e3).toFixed(0)} kB`,
      count === 10_000 ? (time < 1000 ? '< 1 s ✓' : '< 1 s ✗') : '',
    ])
    rmSync(dir, { recursive: true, force: true })
  }
  printTable('Trend reports from history', rows)
}
