import type { ShipwatchRecord } from '../../schema/parse-record.js'
import { checkStoredRecord } from '../../schema/stored-record.js'
import { chartSource } from '../../trend/chart-source.js'
import { type Connection, connect, guarded, HistoryDatabaseError } from './connect.js'
import { LATEST_MIGRATION, MIGRATIONS, type Migration } from './migrations.js'

export { HistoryDatabaseError }

/** What a query may filter on: the indexed columns. */
export interface DatabaseFilter {
  project?: string
  repository?: string
  kind?: 'build' | 'deploy'
  buildKind?: 'cold' | 'watch'
  branch?: string
  id?: string
  /** Builds of a commit: its sha or a prefix of it. */
  shaPrefix?: string
  /** The newest this many, returned oldest first. */
  limit?: number
}

/**
 * The history in PostgreSQL: each record whole (JSONB) with its project, repository, branch, sha, outcome, kind and
 * time as indexed columns. Appends are idempotent by record id, so a record sent twice (a retry, a sync, an import)
 * is stored once. Reading back validates each record (`readDatabaseRecords`), as the file history does.
 */
export class PostgresHistory {
  private constructor(readonly connection: Connection) {}

  static async open(url: string, timeoutMs?: number): Promise<PostgresHistory> {
    return new PostgresHistory(await connect(url, timeoutMs))
  }

  /** Applies every pending migration in order, each in a transaction; returns the versions applied. */
  async migrate(): Promise<number[]> {
    const { sql } = this.connection
    return guarded(this.connection, 'db migrate', async () => {
      await sql`create table if not exists shipwatch_migrations (
        version integer primary key, name text not null, applied_at timestamptz not null default now())`
      const applied: number[] = []
      for (const migration of await this.pending()) {
        await sql.begin(async (tx) => {
          // Two runners migrating at once: the lock makes the second wait, then find nothing to do.
          await tx`lock table shipwatch_migrations in exclusive mode`
          const [done] = await tx`select 1 from shipwatch_migrations where version = ${migration.version}`
          if (done) return
          await tx.unsafe(migration.sql)
          await tx`insert into shipwatch_migrations (version, name) values (${migration.version}, ${migration.name})`
          applied.push(migration.version)
        })
      }
      return applied
    })
  }

  /**
   * Writes the chart source of builds stored without one (before migration 2, or by an older client), a batch at a
   * time; returns how many. A row that is no build record is left as it is (reports read it whole, and refuse it).
   */
  async fillChartPoints(batch = 200): Promise<number> {
    const { sql } = this.connection
    return guarded(this.connection, 'filling chart points', async () => {
      let filled = 0
      let after = ''
      for (;;) {
        const rows = await sql`select id, record from shipwatch_records
          where kind = 'build' and point is null and id > ${after} order by id limit ${batch}`
        if (rows.length === 0) return filled
        after = String(rows.at(-1)!.id)
        for (const row of rows) {
          const point = chartSourceOf(row.record)
          if (!point) continue
          await sql`update shipwatch_records set point = ${sql.json(point as never)} where id = ${row.id}`
          filled++
        }
      }
    })
  }

  /** Migrations not yet applied (all of them on an empty database). Reads only. */
  async pending(): Promise<Migration[]> {
    const { sql } = this.connection
    return guarded(this.connection, 'reading the schema version', async () => {
      const [table] = await sql`select to_regclass('shipwatch_migrations') as name`
      if (!table?.name) return [...MIGRATIONS]
      const rows = await sql`select version from shipwatch_migrations`
      const applied = new Set(rows.map((r) => Number(r.version)))
      return MIGRATIONS.filter((m) => !applied.has(m.version))
    })
  }

  /** Fails, naming the command, unless the database is at this code's schema version. */
  async assertMigrated(): Promise<void> {
    const pending = await this.pending()
    if (pending.length > 0)
      throw new HistoryDatabaseError(
        `the history database is not at schema version ${LATEST_MIGRATION}: run build-metrics db migrate (pending: ${pending.map((m) => `${m.version} ${m.name}`).join(', ')})`,
      )
  }

  /** Stores the records not stored yet; returns how many were new. */
  async append(records: readonly ShipwatchRecord[]): Promise<number> {
    if (records.length === 0) return 0
    const { sql } = this.connection
    return guarded(this.connection, 'storing records', async () => {
      const rows = records.map((record) => toRow(record, sql))
      const inserted = await sql`
        insert into shipwatch_records ${sql(rows, 'id', 'kind', 'project', 'repository', 'branch', 'sha', 'outcome', 'build_kind', 'created_at', 'schema_version', 'record', 'point')}
        on conflict (id) do nothing
        returning id`
      return inserted.length
    })
  }

  /** Raw records (JSON values, not yet validated), oldest first: the newest `limit`, or all (see `scan`). */
  async select(filter: DatabaseFilter = {}): Promise<unknown[]> {
    const { sql } = this.connection
    if (!filter.limit) {
      const records: unknown[] = []
      for await (const batch of this.scan(filter)) records.push(...batch)
      return records
    }
    return guarded(this.connection, 'reading records', async () => {
      const rows = await sql`select record from (select record, created_at, id from shipwatch_records
          where ${this.where(filter)} order by created_at desc, id desc limit ${filter.limit!}) newest
        order by created_at, id`
      return rows.map((r) => r.record as unknown)
    })
  }

  private where(filter: Omit<DatabaseFilter, 'limit'>) {
    const { sql } = this.connection
    return [
      filter.project === undefined ? sql`true` : sql`project = ${filter.project}`,
      filter.repository === undefined ? sql`true` : sql`repository = ${filter.repository}`,
      filter.kind === undefined ? sql`true` : sql`kind = ${filter.kind}`,
      filter.buildKind === undefined ? sql`true` : sql`build_kind = ${filter.buildKind}`,
      filter.branch === undefined ? sql`true` : sql`branch = ${filter.branch}`,
      filter.id === undefined ? sql`true` : sql`id = ${filter.id}`,
      filter.shaPrefix === undefined ? sql`true` : sql`starts_with(sha, ${filter.shaPrefix})`,
    ].reduce((a, b) => sql`${a} and ${b}`)
  }

  /**
   * Every raw record of the filter, oldest first, a batch at a time: each batch one short statement (keyset paging),
   * so a history of any size is read within the statement timeout and without holding it all.
   */
  async *scan(filter: Omit<DatabaseFilter, 'limit'> = {}, batch = 500): AsyncGenerator<unknown[]> {
    const { sql } = this.connection
    // The time as PostgreSQL's text (microseconds): a JavaScript Date would round it, and page over a row again.
    let after: { at: string; id: string } | null = null
    for (;;) {
      const from: typeof after = after
      const rows: { record: unknown; at: string; id: string }[] = await guarded(
        this.connection,
        'reading records',
        async () =>
          (from
            ? await sql`select record, created_at::text as at, id from shipwatch_records
                where ${this.where(filter)} and (created_at, id) > (${from.at}::timestamptz, ${from.id})
                order by created_at, id limit ${batch}`
            : await sql`select record, created_at::text as at, id from shipwatch_records where ${this.where(filter)}
                order by created_at, id limit ${batch}`) as never,
      )
      if (rows.length === 0) return
      yield rows.map((r) => r.record)
      const last = rows.at(-1)!
      after = { at: String(last.at), id: String(last.id) }
    }
  }

  async count(): Promise<number> {
    const { sql } = this.connection
    return guarded(this.connection, 'counting records', async () => {
      const [row] = await sql`select count(*)::int as n from shipwatch_records`
      return Number(row?.n ?? 0)
    })
  }

  close(): Promise<void> {
    return this.connection.close()
  }
}

function toRow(record: ShipwatchRecord, sql: Connection['sql']) {
  const build = record.kind === 'build'
  // SQL null, not JSON null, when there is none: `db migrate` and reports look for `point is null`.
  const point = build ? chartSourceOf(record) : null
  return {
    id: record.id,
    kind: record.kind,
    project: record.project,
    repository: record.ci.repository ?? null,
    branch: record.git.branch ?? record.ci.branch ?? null,
    sha: record.git.sha ?? null,
    outcome: build ? record.outcome.result : record.status,
    build_kind: build ? (record.watchRebuild ? 'watch' : 'cold') : null,
    created_at: record.createdAt,
    schema_version: record.schemaVersion,
    record: sql.json(record as never),
    point: point ? sql.json(point as never) : null,
  }
}

/** A stored row's chart source, or null when the row is no build record a chart can use. */
function chartSourceOf(row: unknown) {
  try {
    const record = checkStoredRecord(row)
    return record.kind === 'build' ? chartSource(record) : null
  } catch {
    return null
  }
}
