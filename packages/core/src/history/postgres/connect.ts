import { createRedactor, type Redactor } from '../../log/redact.js'

type Postgres = typeof import('postgres')
export type Sql = ReturnType<Postgres>

/** Every query ends within this; a build never waits longer on the database. @default 5000 */
export const STATEMENT_TIMEOUT_MS = 5_000

/** The database could not be used: the message names what failed, never the password. */
export class HistoryDatabaseError extends Error {
  override name = 'HistoryDatabaseError'
}

export interface Connection {
  sql: Sql
  /** Strips the URL's user, password and their parts from any text (errors echo the URL). */
  redact: Redactor
  close(): Promise<void>
}

/**
 * Connects with the `postgres` client, an optional peer dependency loaded only here: one connection, a connect
 * timeout and a statement timeout, notices dropped (they would go to the console).
 */
export async function connect(url: string, timeoutMs = STATEMENT_TIMEOUT_MS): Promise<Connection> {
  const redact = createRedactor([url])
  let postgres: Postgres
  try {
    postgres = ((await import('postgres')) as unknown as { default: Postgres }).default
  } catch {
    throw new HistoryDatabaseError(
      'a PostgreSQL history needs the postgres client: npm install --save-dev postgres',
    )
  }
  let sql: Sql
  try {
    sql = postgres(url, {
      max: 1,
      connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
      // Every user closes its connection; this only ends one a crash left open. A connection opened as a build
      // starts waits, idle, while the bundler works (`connectEarly`).
      idle_timeout: 30,
      onnotice: () => {},
      connection: { statement_timeout: timeoutMs, application_name: 'shipwatch' },
    })
  } catch (error) {
    throw new HistoryDatabaseError(`the history URL is not usable: ${redact((error as Error).message)}`)
  }
  return { sql, redact, close: () => sql.end({ timeout: 1 }) }
}

/** Runs `work`, turning any failure into a HistoryDatabaseError without the URL's secrets. */
export async function guarded<T>(connection: Connection, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof HistoryDatabaseError) throw error
    const message = (error as Error).message || String((error as { code?: string }).code ?? error)
    throw new HistoryDatabaseError(`${what} failed: ${connection.redact(message)}`)
  }
}
