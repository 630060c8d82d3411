// The PostgreSQL history: appends per second from 20 concurrent writers; what `build-metrics report` for one
// project costs when the database holds many projects, by SQL (baseline, window, chart points: a few rows) and, for
// comparison, by reading every record of the project; and what sending the record adds to a build of the vendor app
// (wall time in paired rounds, instructions by callgrind). Needs PostgreSQL's initdb (skipped without it).
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildTrendReport, databaseTrendReport, PostgresHistory, readDatabaseRecords } from '@shipwatch/core'
import { startCluster } from '../test-support/postgres-cluster.ts'
import { appSizedBuildRecord } from '../test-support/records.ts'
import { countInstructions, hasValgrind } from './lib/callgrind.mjs'
import { median, ms, pairedRatioInterval, printTable, timeMedian } from './lib/measure.mjs'
import { holdFreePageReporting } from './lib/page-reporting.mjs'
import { vendorApp } from './lib/vendor-app.mjs'

const PROJECTS = 50
const ROWS = Number(process.env.BENCH_DB_ROWS ?? 100_000)
const WRITERS = 20
const APPENDS_PER_WRITER = 50
const PAIRS = Number(process.env.BENCH_PAIRS ?? 15)
const CPU_RUNS = Number(process.env.BENCH_RUNS_CPU ?? 2)
const child = fileURLToPath(new URL('./lib/vite-build-child.mjs', import.meta.url))
const percent = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`

export default async function historyDatabaseBench() {
  let cluster
  try {
    cluster = await startCluster()
  } catch (error) {
    console.log(`\n### PostgreSQL history: skipped (${error.message})`)
    return
  }
  try {
    // The project the report reads holds records of the vendor app as a build writes them (≈ 45 kB of JSON each),
    // the other 49 smaller ones: what a report reads is that one project's rows.
    const template = vendorRecord()
    const admin = await PostgresHistory.open(cluster.url, 60_000)
    await admin.migrate()
    // The table filled in batches, 50 projects round robin, a minute apart.
    const start = Date.parse('2026-01-01')
    const fillStart = performance.now()
    for (let at = 0; at < ROWS; at += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, ROWS - at) }, (_, k) => {
        const i = at + k
        const time = start + i * 60_000
        if (i % PROJECTS === 7) return vendorLike(template, i, time)
        return { ...appSizedBuildRecord(i, time), id: randomUUID(), project: `app-${i % PROJECTS}` }
      })
      await admin.append(batch)
    }
    const fillMs = performance.now() - fillStart
    // As autovacuum leaves a table that takes inserts (PostgreSQL 13+): statistics and the visibility map set.
    await admin.connection.sql`vacuum analyze shipwatch_records`

    // 20 writers, each its own connection, one insert per record, all at once.
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, () => PostgresHistory.open(cluster.url)),
    )
    const appendStart = performance.now()
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < APPENDS_PER_WRITER; i++)
          await writer.append([
            // Projects other than the one reported on, whose newest build stays the vendor app's.
            { ...appSizedBuildRecord(i, Date.now()), id: randomUUID(), project: `app-${20 + w}` },
          ])
      }),
    )
    const appendMs = performance.now() - appendStart
    await Promise.all(writers.map((w) => w.close()))

    const perProject = ROWS / PROJECTS
    const [{ bytes }] = await admin.connection.sql`
      select avg(pg_column_size(record))::int as bytes from shipwatch_records where project = 'app-7'`
    // As `build-metrics report --project app-7` does it: connect, SQL for baseline, window and points, disconnect.
    const bySql = await timeMedian(
      async () => {
        const history = await PostgresHistory.open(cluster.url)
        await databaseTrendReport(history, { project: 'app-7' })
        await history.close()
      },
      { runs: 9 },
    )
    const sqlReport = await (async () => {
      const history = await PostgresHistory.open(cluster.url)
      const report = await databaseTrendReport(history, { project: 'app-7' })
      await history.close()
      return report
    })()
    // The way before: the project's records read whole and validated, then the list's report code. All of a
    // project of 20,000 vendor-app records is ≈ 900 MB of JSON: measured on its newest 2,000.
    const OLD_WAY = 2_000
    const readAll = await timeMedian(
      () => readDatabaseRecords(cluster.url, { project: 'app-7', limit: OLD_WAY }),
      { runs: 3 },
    )
    const records = await readDatabaseRecords(cluster.url, { project: 'app-7', limit: OLD_WAY })
    const listReport = await timeMedian(() => buildTrendReport(records), { runs: 3 })
    await admin.close()
    printTable(
      `PostgreSQL history: ${ROWS.toLocaleString('en')} records of ${PROJECTS} projects (≈ ${Math.round(perProject).toLocaleString('en')} each); app-7: the vendor app's records, ${(bytes / 1024).toFixed(1)} kB stored each (compressed)`,
      [
        ['measure', 'value'],
        ['fill, batches of 1,000', `${Math.round(ROWS / (fillMs / 1000)).toLocaleString('en')} records/s`],
        [
          `appends, ${WRITERS} writers × ${APPENDS_PER_WRITER}, one insert each`,
          `${Math.round((WRITERS * APPENDS_PER_WRITER) / (appendMs / 1000))} appends/s`,
        ],
        [
          `baseline + report of one project by SQL (connect included; ${sqlReport.history.length} chart points, window of ${sqlReport.baseline?.runs})`,
          ms(bySql),
        ],
        [
          `before: read and validate the project's newest ${OLD_WAY.toLocaleString('en')} records whole`,
          ms(readAll),
        ],
        ['… then the report code on that list', ms(listReport)],
      ],
      'Bars (issue 27): 100 appends/s from 20 writers; baseline + report for one project of 1,000,000 records under 200 ms.',
    )
    await buildOverhead(cluster.url)
  } finally {
    cluster.stop()
  }
}

/** The vendor app's build record, from one build with build-metrics. */
function vendorRecord() {
  const { root } = vendorApp()
  execFileSync(process.execPath, [child, 'vite', root, 'metrics'], { cwd: root, stdio: 'ignore' })
  const history = fileURLToPath(new URL('./.generated/history-vendor-app/latest.json', import.meta.url))
  return JSON.parse(readFileSync(history, 'utf8'))
}

/** The `i`-th build of app-7: the vendor app's record with its own id, time, commit and noisy timings. */
function vendorLike(template, i, time) {
  const noise = 0.9 + ((i * 7919) % 200) / 1000
  return {
    ...template,
    id: randomUUID(),
    project: 'app-7',
    createdAt: new Date(time).toISOString(),
    git: { ...template.git, sha: randomUUID().replaceAll('-', '').padEnd(40, '0'), branch: 'main' },
    durationMs: template.durationMs * noise,
    phases: template.phases.map((p) => ({ ...p, durationMs: p.durationMs * noise })),
  }
}

/** The vendor app built with build-metrics, its history in files only or also sent to the database. */
async function buildOverhead(url) {
  const { root, modules } = vendorApp()
  const pages = holdFreePageReporting()
  const database = { SHIPWATCH_HISTORY_URL: url }
  const buildOnce = (env) => {
    const out = execFileSync(process.execPath, [child, 'vite', root, 'metrics'], {
      encoding: 'utf8',
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, ...env },
    })
    return JSON.parse(out.trim().split('\n').pop()).ms
  }
  try {
    buildOnce({})
    buildOnce(database)
    const files = []
    const sent = []
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2 === 0) {
        files.push(buildOnce({}))
        sent.push(buildOnce(database))
      } else {
        sent.push(buildOnce(database))
        files.push(buildOnce({}))
      }
    }
    const { estimate, low, high } = pairedRatioInterval(files, sent)
    const rows = [
      ['history', 'builds', 'median wall', 'against files only'],
      ['files only (default)', PAIRS, ms(median(files)), '—'],
      [
        'files + PostgreSQL',
        PAIRS,
        ms(median(sent)),
        `${percent(estimate)} (${percent(low)} … ${percent(high)})`,
      ],
    ]
    if (CPU_RUNS > 0 && hasValgrind()) {
      const counts = { files: [], sent: [] }
      for (let i = 0; i < CPU_RUNS; i++) {
        const [a, b] = await Promise.all([
          countInstructions(root, 'metrics', { ...process.env }),
          countInstructions(root, 'metrics', { ...process.env, ...database }),
        ])
        counts.files.push(a)
        counts.sent.push(b)
      }
      const added = median(counts.sent) / median(counts.files) - 1
      rows.push(['instructions of the build process, files + PostgreSQL', CPU_RUNS, '', percent(added)])
    }
    printTable(
      `Build overhead of the PostgreSQL history: vendor app (${modules} source modules + React, ReactDOM, echarts), build-metrics with defaults`,
      rows,
      'Bar (issue 27): within 1 % of the file store. Wall: paired rounds, order alternating, 95 % interval of the median ratio.',
    )
  } finally {
    pages.restore()
  }
}
