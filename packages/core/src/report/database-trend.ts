import { z } from 'zod'
import type { DatabaseFilter, PostgresHistory } from '../history/postgres/postgres-history.js'
import { seriesLength, seriesPoints, windowStats } from '../history/postgres/series-queries.js'
import { buildOutcomeSchema, phaseSchema, pluginTimingSchema } from '../schema/build-record.js'
import type { DeployRecord } from '../schema/deploy-record.js'
import { parseRecord } from '../schema/parse-record.js'
import { type ChartSource, chartSource } from '../trend/chart-source.js'
import {
  type DatabaseWarning,
  databaseBaseline,
  firstBuild,
  rowName,
  rowReader,
  SPARE_ROWS,
  seriesKey,
} from '../trend/database-baseline.js'
import { branchOf } from '../trend/find-baseline.js'
import type { WindowStats } from '../trend/window-stats.js'
import {
  assembleTrendReport,
  DEPLOYS_SHOWN,
  MAX_POINTS,
  pluginSeries,
  type TrendInputs,
  type TrendReport,
  type TrendReportOptions,
  thin,
  toPoint,
  WINDOW_SIZE,
} from './trend-report.js'

/** A stored chart source, checked (a shared database is untrusted input). */
const chartSourceSchema: z.ZodType<ChartSource> = z.object({
  id: z.string(),
  createdAt: z.string(),
  git: z.object({
    sha: z.string().nullable(),
    branch: z.string().nullable(),
    subject: z.string().nullable(),
  }),
  outcome: buildOutcomeSchema.pick({ result: true }),
  durationMs: z.number().nonnegative(),
  phases: z.array(phaseSchema),
  pages: z.array(
    z.object({
      html: z.string(),
      initial: z.object({
        size: z.number().int().nonnegative(),
        gzip: z.number().int().nonnegative().optional(),
      }),
    }),
  ),
  plugins: z.array(pluginTimingSchema),
  totalBytes: z.number().int().nonnegative(),
})

/** The trend report of one project's history in PostgreSQL, from a few rows (see `series-queries.ts`). */
export async function databaseTrendReport(
  history: PostgresHistory,
  filter: DatabaseFilter,
  options: TrendReportOptions = {},
  onWarning: DatabaseWarning = () => {},
): Promise<TrendReport> {
  return assembleTrendReport(await databaseTrendInputs(history, filter, options, onWarning), options)
}

/** `trendInputs` by SQL: the same current build, baseline, window, chart series and deploys. */
export async function databaseTrendInputs(
  history: PostgresHistory,
  filter: DatabaseFilter,
  options: TrendReportOptions = {},
  onWarning: DatabaseWarning = () => {},
): Promise<TrendInputs> {
  // A bad row may be met twice (as the newest build, then as a candidate): said once.
  const warn = onceEach(onWarning)
  // A shared database is untrusted input: every record through the full schema.
  const read = rowReader(parseRecord, warn)
  const { connection } = history
  const deploys = (await history.select({ ...filter, kind: 'deploy', limit: DEPLOYS_SHOWN }))
    .map(read)
    .filter((r): r is DeployRecord => r?.kind === 'deploy')
  const current = firstBuild(
    (await history.select({ ...filter, kind: 'build', buildKind: 'cold', limit: SPARE_ROWS })).reverse(),
    read,
  )
  if (!current)
    return { current, baseline: null, window: new Map(), windowRuns: 0, history: [], plugins: [], deploys }
  const series = seriesKey(current)
  const baseline = await databaseBaseline(history, current, read, options)
  const window = baseline
    ? await windowStats(
        connection,
        series,
        current.id,
        { id: baseline.record.id, createdAt: baseline.record.createdAt, branch: branchOf(baseline.record) },
        options.windowSize ?? WINDOW_SIZE,
      )
    : { runs: 0, stats: [] }
  const positions = thin(
    Array.from({ length: await seriesLength(connection, series) }, (_, i) => i),
    options.maxPoints ?? MAX_POINTS,
  )
  const sources: ChartSource[] = []
  for (const { point, whole } of await seriesPoints(connection, series, positions)) {
    if (whole) {
      const record = read(point)
      if (record?.kind === 'build') sources.push(chartSource(record))
      continue
    }
    const checked = chartSourceSchema.safeParse(point)
    if (checked.success) sources.push(checked.data)
    else
      warn(
        `${rowName(point)}: a chart point fails its schema: ${checked.error.issues[0]?.message ?? 'invalid'}`,
      )
  }
  return {
    current,
    baseline,
    window: new Map(window.stats.map(({ metric, ...stats }) => [metric, stats])) as WindowStats,
    windowRuns: window.runs,
    history: sources.map(toPoint),
    plugins: pluginSeries(sources),
    deploys,
  }
}

function onceEach(say: DatabaseWarning): DatabaseWarning {
  const said = new Set<string>()
  return (reason) => {
    if (!said.has(reason)) say(reason)
    said.add(reason)
  }
}
