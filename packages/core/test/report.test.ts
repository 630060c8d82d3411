import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildTrendReport,
  generateReports,
  HistoryStore,
  MAX_STRING_CHARS,
  renderMarkdown,
} from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'
import { fixedHistory } from '../../../test-support/history.js'
import { sampleDeployRecord } from '../../../test-support/records.js'

const temp = mkdtempSync(join(tmpdir(), 'shipwatch-report-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('trend report', () => {
  it('finds the regressions, explains them, and picks the merge-base baseline', () => {
    const report = buildTrendReport(fixedHistory())
    expect(report.verdict).toBe('regression')
    expect(report.baseline).toMatchObject({ reason: 'merge-base', runs: 8, record: { id: 'main-7' } })
    const explained = report.regressions.map((r) => r.explanation)
    expect(explained).toContain('total size +12.00 kB (+23.1 %), over the allowed 520 B')
    expect(explained).toContain(
      'transform of vite:esbuild +39 % (baseline median 302 ms over 8 runs, MAD 8.9 ms)',
    )
    // Noise-level timing changes are not flagged.
    expect(report.comparisons.find((c) => c.id === 'time.total')?.verdict).toBe('unchanged')
  })

  it('renders Markdown that matches the snapshot', async () => {
    const markdown = renderMarkdown(
      buildTrendReport([
        ...fixedHistory(),
        sampleDeployRecord({ id: 'deploy-1', createdAt: '2026-11-10T13:00:00.000Z' }),
      ]),
    )
    await expect(markdown).toMatchFileSnapshot('./__snapshots__/report.md')
  })

  it('escapes what users control in Markdown', () => {
    const markdown = renderMarkdown(
      buildTrendReport(fixedHistory({ subject: 'feat: <img src=x onerror=alert(1)> | pipes' })),
    )
    expect(markdown).toContain('feat: &lt;img src=x onerror=alert(1)&gt; \\| pipes')
    expect(markdown).not.toContain('<img')
  })

  it('writes report.html, report.md, report.json and junit.xml, and appends to the job summary', async () => {
    const dir = mkdtempSync(join(temp, 'gen-'))
    const store = new HistoryStore({ dir })
    for (const record of fixedHistory()) await store.append(record)
    const summary = join(dir, 'summary.md')
    writeFileSync(summary, '# earlier step\n')
    const { files, report } = generateReports({
      historyDir: dir,
      junit: true,
      env: { GITHUB_STEP_SUMMARY: summary },
    })
    expect(report.verdict).toBe('regression')
    const json = JSON.parse(readFileSync(files.json, 'utf8'))
    expect(json.baseline).toMatchObject({ id: 'main-7', reason: 'merge-base', runs: 8 })
    expect(json.metrics.find((m: { id: string }) => m.id === 'bytes.total').delta).toBe(12_000)
    expect(readFileSync(files.junit!, 'utf8')).toMatch(/<failure message="total size \+12\.00 kB/)
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n## 🔴 \d+ regressions?/)
    expect(readFileSync(files.html, 'utf8')).toMatch(/<svg/)
  })

  it('keeps the HTML small for 10,000 records of 50 pages with the longest subjects a record holds', () => {
    const dir = mkdtempSync(join(temp, 'big-'))
    const lines = []
    const first = fixedHistory()[0]!
    // A site of 50 pages: the size chart draws the heaviest few, not a series per page.
    const pages = Array.from({ length: 50 }, (_, i) => ({ ...first.pages[0]!, html: `page-${i}.html` }))
    const base = { ...first, pages, git: { ...first.git, subject: 's'.repeat(MAX_STRING_CHARS) } }
    for (let i = 0; i < 10_000; i++) {
      lines.push(
        JSON.stringify({
          ...base,
          id: `r${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          durationMs: 1000 + (i % 50),
        }),
      )
    }
    writeFileSync(join(dir, 'history.jsonl'), `${lines.join('\n')}\n`)
    const { files } = generateReports({ historyDir: dir })
    const size = readFileSync(files.html).length
    // README: report.html ≤ 550 kB, however long the history and its subjects.
    expect(size).toBeLessThan(550_000)
  })
})
