import type { DatabaseFilter, PostgresHistory } from '../history/postgres/postgres-history.js'
import { newestCandidates, type SeriesKey } from '../history/postgres/series-queries.js'
import type { BuildRecord } from '../schema/build-record.js'
import { parseRecord, type ShipwatchRecord } from '../schema/parse-record.js'
import {
  type Baseline,
  type BaselineStep,
  type BaselineSubject,
  chooseBaselineAsync,
  type FindBaselineOptions,
  matchesStep,
} from './find-baseline.js'

/** Rows read past an invalid one before giving up on a query's answer. */
const SPARE_ROWS = 5

export type DatabaseWarning = (reason: string) => void

/** The one baseline rule (`baselineSteps`) over a history database: one short query per step. */
export function databaseBaseline(
  history: PostgresHistory,
  current: BaselineSubject,
  options: FindBaselineOptions = {},
  onWarning: DatabaseWarning = () => {},
): Promise<Baseline | null> {
  const series = seriesKey(current)
  return chooseBaselineAsync(
    current,
    async (step) =>
      firstBuild(
        await newestCandidates(history.connection, series, current.id, stepCondition(step), SPARE_ROWS),
        onWarning,
        // The columns chose the rows; the rule itself decides on the validated record.
        (record) => matchesStep(current, step, record),
      ),
    options,
  )
}

/** `resolveBuildRef` over a history database: the build a `diff` argument names, or null. */
export async function resolveDatabaseBuildRef(
  history: PostgresHistory,
  filter: DatabaseFilter,
  ref: string,
  onWarning: DatabaseWarning = () => {},
): Promise<BuildRecord | null> {
  const newest = async (where: DatabaseFilter) =>
    firstBuild(
      (await history.select({ ...filter, ...where, kind: 'build', limit: SPARE_ROWS })).reverse(),
      onWarning,
    )
  const latest = await newest({})
  if (ref === 'latest') return latest
  if (ref === 'baseline')
    return latest && ((await databaseBaseline(history, latest, {}, onWarning))?.record ?? null)
  return (
    (await newest({ id: ref })) ??
    (await newest({ branch: ref })) ??
    (/^[0-9a-f]{7,64}$/i.test(ref) ? await newest({ shaPrefix: ref.toLowerCase() }) : null)
  )
}

/** The columns that pick a build's series (see `sameSeries`) and its kind. */
export function seriesKey(current: BaselineSubject): SeriesKey {
  return {
    project: current.project,
    repository: current.ci.repository ?? null,
    bundler: current.bundler.name,
    target: current.target,
    mode: current.mode,
    environment: current.environment,
    buildKind: current.watchRebuild ? 'watch' : 'cold',
  }
}

/** The first row that is a valid build record (and passes `accept`); an invalid row is a warning. */
export function firstBuild(
  rows: readonly unknown[],
  onWarning: DatabaseWarning,
  accept: (record: BuildRecord) => boolean = () => true,
): BuildRecord | null {
  for (const row of rows) {
    const record = parseRow(row, onWarning)
    if (record?.kind === 'build' && accept(record)) return record
  }
  return null
}

export function parseRow(row: unknown, onWarning: DatabaseWarning): ShipwatchRecord | null {
  try {
    return parseRecord(row)
  } catch (error) {
    onWarning(`${rowName(row)}: ${(error as Error).message}`)
    return null
  }
}

/** How a warning names a row: its id as JSON (untrusted text, quoted and cut short). */
export function rowName(row: unknown): string {
  const id = (row as { id?: unknown } | null)?.id
  return typeof id === 'string' ? `record ${JSON.stringify(id.slice(0, 80))}` : 'a record without an id'
}

function stepCondition(step: BaselineStep) {
  return step.reason === 'merge-base'
    ? { sha: step.sha }
    : step.reason === 'default branch'
      ? { branch: step.branch }
      : {}
}
