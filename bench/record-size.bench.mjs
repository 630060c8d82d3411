// What the attribution data costs a record: one build of the vendor app with build-metrics, its record's bytes by
// part, against the same record as schema version 2 kept it (the 10 largest modules per chunk, no package sizes,
// facades or import chains), and the history line's gzip size (what an artifact or cache holds).
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { printTable } from './lib/measure.mjs'
import { vendorApp } from './lib/vendor-app.mjs'

const child = fileURLToPath(new URL('./lib/vite-build-child.mjs', import.meta.url))
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`

export default async function recordSizeBench() {
  const { root, modules } = vendorApp()
  // A first build (no baseline: chains for every module chosen), then the same code again (no new module: none).
  const history = fileURLToPath(new URL('./.generated/history-record-size', import.meta.url))
  rmSync(history, { recursive: true, force: true })
  const build = () => {
    execFileSync(process.execPath, [child, 'vite', root, 'metrics'], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, BENCH_HISTORY: history },
    })
    return JSON.parse(readFileSync(`${history}/latest.json`, 'utf8'))
  }
  const record = build()
  const again = build()
  const bytes = (value) => Buffer.byteLength(JSON.stringify(value ?? null))
  const chunks = record.outputs.filter((o) => o.type === 'chunk')
  const asVersion2 = {
    ...record,
    importers: undefined,
    outputs: record.outputs.map(({ modules: kept, packages, facade, originalName, ...o }) => ({
      ...o,
      topModules: kept.slice(0, 10),
    })),
  }
  const line = JSON.stringify(record)
  const oldLine = JSON.stringify(asVersion2)
  const row = (label, value, count) => [label, count, kB(value)]
  printTable(
    `Record size, vendor app (${modules} source modules + React, ReactDOM, echarts; ${chunks.length} chunks, ${record.modules.total} modules)`,
    [
      ['part', 'entries', 'bytes (JSON)'],
      row('first build, whole record', bytes(record), 1),
      row(
        'modules kept per chunk (≥ 2 kB, or among the 10 largest)',
        chunks.reduce((s, o) => s + bytes(o.modules), 0),
        chunks.reduce((s, o) => s + o.modules.length, 0),
      ),
      row(
        'bytes per package per chunk',
        chunks.reduce((s, o) => s + bytes(o.packages), 0),
        chunks.reduce((s, o) => s + Object.keys(o.packages ?? {}).length, 0),
      ),
      row(
        'import chains on a first build: 3 largest per chunk, largest per package',
        bytes(record.importers),
        Object.keys(record.importers ?? {}).length,
      ),
      row(
        'import chains of the next build (no module new against its baseline)',
        bytes(again.importers),
        Object.keys(again.importers ?? {}).length,
      ),
      row('the next build, whole record', bytes(again), 1),
      row('the first record as version 2 kept it', bytes(asVersion2), 1),
      [
        'history line, gzip: now / version 2',
        '',
        `${kB(gzipSync(line).length)} / ${kB(gzipSync(oldLine).length)}`,
      ],
    ],
    'One record per build: what a CI artifact or cache keeps per build. Reports read the history once.',
  )
}
