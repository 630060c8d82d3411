// The PostgreSQL history: appends per second from 20 concurrent writers, and what `build-metrics report` for one
// project costs when the database holds many projects (records read by project, then the same report code as the
// file history). Needs PostgreSQL's initdb (skipped without it).
import { randomUUID } from 'node:crypto'
import { buildTrendReport, PostgresHistory, readDatabaseRecords } from '@shipwatch/core'
import { startCluster } from '../test-support/postgres-cluster.ts'
import { appSizedBuildRecord } from '../test-support/records.ts'
import { ms, printTable, timeMedian } from './lib/measure.mjs'

const PROJECTS = 50
const ROWS = Number(process.env.BENCH_DB_ROWS ?? 100_000)
const WRITERS = 20
const APPENDS_PER_WRITER = 50

export default async function historyDatabaseBench() {
  let cluster
  try {
    cluster = await startCluster()
  } catch (error) {
    console.log(`\n### PostgreSQL history: skipped (${error.message})`)
    return
  }
  try {
    const admin = await PostgresHistory.open(cluster.url, 60_000)
    await admin.migrate()
    // The table filled in batches, 50 projects round robin, a minute apart.
    const start = Date.parse('2026-01-01')
    const fillStart = performance.now()
    for (let at = 0; at < ROWS; at += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, ROWS - at) }, (_, k) => {
        const i = at + k
        return {
          ...appSizedBuildRecord(i, start + i * 60_000),
          id: randomUUID(),
          project: `app-${i % PROJECTS}`,
        }
      })
      await admin.append(batch)
    }
    const fillMs = performance.now() - fillStart
    await admin.connection.sql`analyze shipwatch_records`

    // 20 writers, each its own connection, one insert per record, all at once.
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, () => PostgresHistory.open(cluster.url)),
    )
    const appendStart = performance.now()
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < APPENDS_PER_WRITER; i++)
          await writer.append([
            { ...appSizedBuildRecord(i, Date.now()), id: randomUUID(), project: `app-${w}` },
          ])
      }),
    )
    const appendMs = performance.now() - appendStart
    await Promise.all(writers.map((w) => w.close()))

    const perProject = ROWS / PROJECTS
    const read = await timeMedian(() => readDatabaseRecords(cluster.url, { project: 'app-7' }), { runs: 5 })
    const records = await readDatabaseRecords(cluster.url, { project: 'app-7' })
    const report = await timeMedian(() => buildTrendReport(records), { runs: 5 })
    await admin.close()
    printTable(
      `PostgreSQL history: ${ROWS.toLocaleString('en')} records of ${PROJECTS} projects (≈ ${Math.round(perProject).toLocaleString('en')} each)`,
      [
        ['measure', 'value'],
        ['fill, batches of 1,000', `${Math.round(ROWS / (fillMs / 1000)).toLocaleString('en')} records/s`],
        [
          `appends, ${WRITERS} writers × ${APPENDS_PER_WRITER}, one insert each`,
          `${Math.round((WRITERS * APPENDS_PER_WRITER) / (appendMs / 1000))} appends/s`,
        ],
        ['read one project (every record, validated)', ms(read)],
        ['trend report of those records (baseline, windows)', ms(report)],
      ],
      'Bars (issue 27): 100 appends/s from 20 writers; baseline + report for one project of 1,000,000 records under 200 ms.',
    )
  } finally {
    cluster.stop()
  }
}
