import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Check, type CheckMode, type CheckOutcome, unavailable } from '../runner/check.js'

export interface MigrationsOptions {
  /** @default 'supabase/migrations' */
  dir?: string
  /** Environment variable with the database URL (the direct port 5432, not the pooler). @default 'SUPABASE_DB_URL' */
  databaseUrlEnv?: string
}

const FILE = /^(\d{14})_(.+)\.sql$/

/** Local migration files: `supabase/migrations/<YYYYMMDDHHMMSS>_<name>.sql`, by version. */
export function localMigrations(dir: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const match = FILE.exec(file)
    if (match) found.set(match[1]!, match[2]!)
  }
  return found
}

/**
 * Every local migration must be applied: reads `supabase_migrations.schema_migrations` in a read-only transaction
 * (through the `postgres` client, loaded only here) and lists pending and unknown applied migrations by name.
 */
export function migrationsCheck(
  options: MigrationsOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
  limits: { timeoutMs: number; retries: number },
  mode: CheckMode = 'required',
): Check {
  return {
    id: 'migrations',
    title: 'Migrations',
    ...limits,
    async run(context): Promise<CheckOutcome> {
      const dir = join(cwd, options.dir ?? 'supabase/migrations')
      const urlEnv = options.databaseUrlEnv ?? 'SUPABASE_DB_URL'
      const databaseUrl = env[urlEnv]
      if (!existsSync(dir))
        return unavailable(
          mode,
          `no ${options.dir ?? 'supabase/migrations'} folder: nothing to compare with the database`,
        )
      if (!databaseUrl)
        return unavailable(mode, `set ${urlEnv} to check migrations (the direct connection on port 5432)`)
      let postgres: typeof import('postgres')
      try {
        postgres = ((await import('postgres')) as unknown as { default: typeof import('postgres') }).default
      } catch {
        return unavailable(
          mode,
          'checking migrations needs the postgres client: npm install --save-dev postgres',
        )
      }
      const sql = postgres(databaseUrl, {
        max: 1,
        connect_timeout: Math.max(1, Math.ceil(limits.timeoutMs / 1000)),
        idle_timeout: 1,
        onnotice: () => {},
      })
      // A server that never answers must not hold the process open after the check gave up on it.
      const close = () => void sql.end({ timeout: 0 })
      context.signal.addEventListener('abort', close, { once: true })
      let applied: { version: string; name: string | null }[]
      try {
        applied = (await sql.begin(
          'read only',
          (tx) => tx`select version, name from supabase_migrations.schema_migrations order by version`,
        )) as unknown as {
          version: string
          name: string | null
        }[]
      } catch (error) {
        const message =
          (error as { code?: string; message: string }).code === '42P01'
            ? 'the database has no supabase_migrations.schema_migrations: no migration was ever applied with the Supabase CLI'
            : `could not read applied migrations: ${(error as Error).message}`
        return { status: 'fail', message }
      } finally {
        context.signal.removeEventListener('abort', close)
        await sql.end({ timeout: 1 })
      }
      const local = localMigrations(dir)
      const appliedVersions = new Map(applied.map((m) => [m.version, m.name ?? '']))
      const pending = [...local]
        .filter(([version]) => !appliedVersions.has(version))
        .map(([v, n]) => `${v}_${n}`)
      const unknown = [...appliedVersions]
        .filter(([version]) => !local.has(version))
        .map(([v, n]) => `${v}_${n}`)
      const metrics = {
        local: local.size,
        applied: applied.length,
        pending: pending.length,
        unknown: unknown.length,
      }
      const details = [
        ...pending.map((m) => `pending: ${m}`),
        ...unknown.map((m) => `applied but not in the repository: ${m}`),
      ]
      if (pending.length > 0)
        return {
          status: 'fail',
          message: `${pending.length} pending migration(s): ${pending.join(', ')}`,
          details,
          metrics,
        }
      if (unknown.length > 0)
        return {
          status: 'warn',
          message: `${unknown.length} applied migration(s) not in the repository: ${unknown.join(', ')}`,
          details,
          metrics,
        }
      return { status: 'pass', message: `all ${local.size} migration(s) applied`, metrics }
    },
  }
}
