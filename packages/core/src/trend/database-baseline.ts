import type { DatabaseFilter, PostgresHistory } from '../history/postgres/postgres-history.js'
import { newestCandidates, type SeriesKey } from '../history/postgres/series-queries.js'
import type { BuildRecord } from '../schema/build-record.js'
import type { ShipwatchRecord } from '../schema/parse-record.js'
import {
  type Baseline,
  type BaselineStep,
  type BaselineSubject,
  chooseBaselineAsync,
  type FindBaselineOptions,
  matchesStep,
} from './find-baseline.js'

/** Rows read past an invalid one before giving up on a query's answer. */
export const SPARE_ROWS = 5

export type DatabaseWarning = (reason: string) => void

/** Reads a database row as a record, or null when it is none (said as a warning). */
export type RowReader = (row: unknown) => ShipwatchRecord | null

/**
 * A RowReader checking rows with `parse`: the full schema (`parseRecord`) for reports, the light check of stored
 * records (`checkStoredRecord`) inside a build, which must not load zod.
 */
export function rowReader(parse: (value: unknown) => ShipwatchRecord, onWarning: DatabaseWarning): RowReader {
  return (row) => {
    try {
      return parse(row)
    } catch (error) {
      onWarning(`${rowName(row)}: ${(error as Error).message}`)
      return null
    }
  }
}

/** The one baseline rule (`baselineSteps`) over a history database: one short query per step. */
export function databaseBaseline(
  history: PostgresHistory,
  current: BaselineSubject,
  read: RowReader,
  options: FindBaselineOptions = {},
): Promise<Baseline | null> {
  const series = seriesKey(current)
  return chooseBaselineAsync(
    current,
    async (step) =>
      firstBuild(
        await newestCandidates(history.connection, series, current.id, stepCondition(step), SPARE_ROWS),
        read,
        // The columns chose the rows; the rule itself decides on the checked record.
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
  read: RowReader,
): Promise<BuildRecord | null> {
  const newest = async (where: DatabaseFilter) =>
    firstBuild(
      (await history.select({ ...filter, ...where, kind: 'build', limit: SPARE_ROWS })).reverse(),
      read,
    )
  const latest = await newest({})
  if (ref === 'latest') return latest
  if (ref === 'baseline') return latest && ((await databaseBaseline(history, latest, read))?.record ?? null)
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

/** The first row that is a build record (and passes `accept`). */
export function firstBuild(
  rows: readonly unknown[],
  read: RowReader,
  accept: (record: BuildRecord) => boolean = () => true,
): BuildRecord | null {
  for (const row of rows) {
    const record = read(row)
    if (record?.kind === 'build' && accept(record)) return record
  }
  return null
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
