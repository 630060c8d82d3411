import { type Connection, guarded, type Sql } from './connect.js'

/**
 * The queries of a series a trend report needs from a history database, each reading a few rows: the newest
 * candidate of a baseline step, the timing window's stats (`percentile_cont`), the chart points (the newest build
 * and the deploys are `PostgresHistory.select`). They say in SQL what `trend/find-baseline.ts` and `trend/window-stats.ts` say for a list; a test holds the
 * two to the same answers. Rows come back raw: the caller validates them.
 */

/** What makes builds one series (see `sameSeries`), and the kind of build. */
export interface SeriesKey {
  project: string
  /** Told apart only when both the key and the row name one. */
  repository: string | null
  bundler: string
  target: string
  mode: string
  environment: string | null
  buildKind: 'cold' | 'watch'
}

/** A baseline step's condition: a commit (a sha or a prefix of 7+), a branch, or none. */
export interface StepCondition {
  sha?: string
  branch?: string
}

/** The newest `limit` succeeded builds of the series other than `exceptId` meeting the step, newest first. */
export function newestCandidates(
  connection: Connection,
  series: SeriesKey,
  exceptId: string,
  step: StepCondition,
  limit: number,
): Promise<unknown[]> {
  const { sql } = connection
  const condition = step.sha
    ? sql`(sha = ${step.sha} or (${step.sha.length >= 7} and starts_with(sha, ${step.sha})))`
    : step.branch !== undefined
      ? sql`branch = ${step.branch}`
      : sql`true`
  return guarded(connection, 'finding the baseline', async () => {
    const rows = await sql`select record from shipwatch_records
      where ${seriesWhere(sql, series)} and outcome = 'succeeded' and id <> ${exceptId} and ${condition}
      order by created_at desc, id desc limit ${limit}`
    return rows.map((r) => r.record as unknown)
  })
}

export interface WindowEnd {
  id: string
  createdAt: string
  branch: string | null
}

export interface MetricStatsRow {
  metric: string
  runs: number
  median: number
  mad: number
  min: number
  max: number
}

/**
 * Median, scaled MAD, min and max of every timing over the window: the `size` newest succeeded builds of the series
 * on the baseline's branch, up to the baseline, the current build left out. Metric ids as `timingSamples` names
 * them. Rows are untrusted: one whose duration is not a number is no build of the window, and a value that is not
 * a non-negative number is left out.
 */
export function windowStats(
  connection: Connection,
  series: SeriesKey,
  exceptId: string,
  end: WindowEnd,
  size: number,
): Promise<{ runs: number; stats: MetricStatsRow[] }> {
  const { sql } = connection
  return guarded(connection, 'computing the timing window', async () => {
    const rows = await sql`
      with window_builds as (
        select record from shipwatch_records
        where ${seriesWhere(sql, series)} and outcome = 'succeeded' and id <> ${exceptId}
          and branch is not distinct from ${end.branch}
          and (created_at, id) <= (${end.createdAt}::timestamptz, ${end.id})
          and jsonb_typeof(record->'durationMs') = 'number'
        order by created_at desc, id desc limit ${size}
      ),
      samples as (
        select 'time.total' as metric, record->'durationMs' as value from window_builds
        union all
        select 'time.phase.' || (phase->>'name'), phase->'durationMs'
        from window_builds, jsonb_array_elements(case jsonb_typeof(record->'phases') when 'array' then record->'phases' else '[]' end) phase
        union all
        select 'time.hook.' || (plugin->>'name') || '#' || (plugin->>'index') || '.' || hook.key, hook.value->'busyMs'
        from window_builds, jsonb_array_elements(case jsonb_typeof(record->'plugins') when 'array' then record->'plugins' else '[]' end) plugin,
          jsonb_each(case jsonb_typeof(plugin->'hooks') when 'object' then plugin->'hooks' else '{}' end) hook
      ),
      numbers as (
        select metric, value from (
          select metric, case jsonb_typeof(value) when 'number' then value::float8 end as value from samples
        ) typed
        where metric is not null and value >= 0
      ),
      centers as (
        select metric, count(*)::int as runs, percentile_cont(0.5) within group (order by value) as median,
          min(value) as min, max(value) as max
        from numbers group by metric
      )
      select c.metric, c.runs, c.median, c.min, c.max,
        1.4826 * percentile_cont(0.5) within group (order by abs(n.value - c.median)) as mad,
        (select count(*)::int from window_builds) as builds
      from centers c join numbers n using (metric)
      group by c.metric, c.runs, c.median, c.min, c.max`
    return {
      runs: Number(rows[0]?.builds ?? 0),
      stats: rows.map((r) => ({
        metric: String(r.metric),
        runs: Number(r.runs),
        median: Number(r.median),
        mad: Number(r.mad),
        min: Number(r.min),
        max: Number(r.max),
      })),
    }
  })
}

/** How many builds the series has (failed ones included: the charts show them). */
export function seriesLength(connection: Connection, series: SeriesKey): Promise<number> {
  const { sql } = connection
  return guarded(connection, 'counting the series', async () => {
    const [row] =
      await sql`select count(*)::int as n from shipwatch_records where ${seriesWhere(sql, series)}`
    return Number(row?.n ?? 0)
  })
}

/**
 * The chart sources (`point`) of the builds at `positions` (0-based, oldest first) of the series; a row stored
 * without one (by an older client, before `db migrate` filled it) comes whole.
 */
export function seriesPoints(
  connection: Connection,
  series: SeriesKey,
  positions: readonly number[],
): Promise<{ point: unknown; whole: boolean }[]> {
  const { sql } = connection
  return guarded(connection, 'reading the chart points', async () => {
    // Two steps, so the planner sees 400 ids (fetched by primary key), not a guess over the whole table.
    const chosen = await sql`
      select id from (
        select id, row_number() over (order by created_at, id) - 1 as position
        from shipwatch_records where ${seriesWhere(sql, series)}
      ) positioned
      where position = any(${sql.array(positions as number[])}::bigint[])
      order by position`
    const ids = chosen.map((r) => String(r.id))
    const rows = await sql`select id, point is null as whole, coalesce(point, record) as point
      from shipwatch_records where id = any(${sql.array(ids)}::text[])`
    const byId = new Map(
      rows.map((r) => [String(r.id), { point: r.point as unknown, whole: Boolean(r.whole) }]),
    )
    return ids.flatMap((id) => byId.get(id) ?? [])
  })
}

function seriesWhere(sql: Sql, s: SeriesKey) {
  return sql`kind = 'build' and build_kind = ${s.buildKind} and project = ${s.project}
    and (${s.repository}::text is null or repository is null or repository = ${s.repository})
    and bundler = ${s.bundler} and target = ${s.target} and mode = ${s.mode}
    and ${s.environment === null ? sql`environment is null` : sql`environment = ${s.environment}`}`
}
