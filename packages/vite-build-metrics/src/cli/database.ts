import { appendFileSync, createReadStream, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import {
  type CliIo,
  countUnsent,
  type DatabaseFilter,
  DEFAULT_HISTORY_DIR,
  LATEST_MIGRATION,
  PostgresHistory,
  parseRecord,
  type ShipwatchRecord,
  sendToDatabase,
  UsageError,
} from '@shipwatch/core'

export interface DatabaseArgs {
  action: string | undefined
  operand: string | undefined
  url: string | null
  history: string | undefined
  out: string | undefined
  /** --project and --repository, for export. */
  filter: DatabaseFilter
}

// Records go to the database in batches: one statement each, well inside the statement timeout.
const BATCH = 500

/** The URL from --history-url, else SHIPWATCH_HISTORY_URL; the commands that need one say so. */
export function historyUrlOf(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  const url = flag || env.SHIPWATCH_HISTORY_URL || null
  if (url !== null && !/^postgres(ql)?:\/\//.test(url))
    throw new UsageError('the history URL must be a postgres:// URL (--history-url or SHIPWATCH_HISTORY_URL)')
  return url
}

function requireUrl(url: string | null, command: string): string {
  if (!url)
    throw new UsageError(
      `${command} needs the database: set SHIPWATCH_HISTORY_URL or pass --history-url postgres://…`,
    )
  return url
}

/** `build-metrics db migrate | status`. */
export async function db(args: DatabaseArgs, io: CliIo): Promise<number> {
  const url = requireUrl(args.url, `db ${args.action ?? ''}`.trim())
  if (args.action !== 'migrate' && args.action !== 'status')
    throw new UsageError(`db ${args.action ?? ''}: use db migrate or db status`.replace('db : ', 'db: '))
  const history = await PostgresHistory.open(url)
  try {
    if (args.action === 'status') {
      const pending = await history.pending()
      io.stdout.write(
        pending.length === 0
          ? `schema version ${LATEST_MIGRATION}, up to date; ${await history.count()} record(s)\n`
          : `pending migrations: ${pending.map((m) => `${m.version} ${m.name}`).join(', ')} — run build-metrics db migrate\n`,
      )
      return pending.length === 0 ? 0 : 1
    }
    const applied = await history.migrate()
    // Builds stored before version 2, or by an older client since: their chart points, so reports need not read them.
    const filled = await history.fillChartPoints()
    io.stdout.write(
      `${
        applied.length === 0
          ? `schema version ${LATEST_MIGRATION}: nothing to apply`
          : `applied migration(s) ${applied.join(', ')}; schema version ${LATEST_MIGRATION}`
      }${filled > 0 ? `; chart points written for ${filled} record(s)` : ''}\n`,
    )
    return 0
  } finally {
    await history.close()
  }
}

/** `build-metrics history import <file.jsonl> | export [--out file] | sync`. */
export async function historyCommand(args: DatabaseArgs, io: CliIo): Promise<number> {
  const url = requireUrl(args.url, `history ${args.action ?? ''}`.trim())
  const dir = resolve(io.cwd, args.history ?? DEFAULT_HISTORY_DIR)
  switch (args.action) {
    case 'import': {
      if (!args.operand)
        throw new UsageError('history import needs a file: build-metrics history import history.jsonl')
      const { read, stored, skipped } = await importFile(url, resolve(io.cwd, args.operand))
      io.stdout.write(
        `imported ${resolve(io.cwd, args.operand)}: ${read} record(s) read, ${stored} new, ${read - stored} already stored${skipped ? `, ${skipped} line(s) skipped (not a valid record)` : ''}\n`,
      )
      return 0
    }
    case 'export': {
      const file = args.out ? resolve(io.cwd, args.out) : null
      if (file) {
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, '')
      }
      const exported = await exportRecords(
        url,
        args.filter,
        (text) => (file ? appendFileSync(file, text) : io.stdout.write(text)),
        (reason) => io.stderr.write(`build-metrics: skipped a record of the history database: ${reason}\n`),
      )
      if (file) io.stderr.write(`exported ${exported} record(s) to ${file}\n`)
      return 0
    }
    case 'sync': {
      const waiting = countUnsent(dir)
      const result = await sendToDatabase(url, dir, null)
      if (result.failure) {
        io.stderr.write(
          `build-metrics: ${waiting} record(s) still wait in ${dir}/unsent.jsonl: ${result.failure}\n`,
        )
        return 1
      }
      io.stdout.write(`sent ${waiting} waiting record(s): ${result.stored} new in the database\n`)
      return 0
    }
    default:
      throw new UsageError(
        `history ${args.action ?? ''}: use history import <file>, history export or history sync`,
      )
  }
}

/**
 * The database's records (of the filter) as JSON Lines, oldest first, a batch at a time: a history of any size,
 * each record through the full schema (a row that fails it is skipped, and said). Returns how many were written.
 */
async function exportRecords(
  url: string,
  filter: DatabaseFilter,
  write: (text: string) => void,
  warn: (reason: string) => void,
) {
  const history = await PostgresHistory.open(url)
  let exported = 0
  try {
    for await (const batch of history.scan(filter)) {
      const lines = batch.flatMap((row) => {
        try {
          return [JSON.stringify(parseRecord(row))]
        } catch (error) {
          warn((error as Error).message)
          return []
        }
      })
      if (lines.length > 0) write(`${lines.join('\n')}\n`)
      exported += lines.length
    }
    return exported
  } finally {
    await history.close()
  }
}

/** Every valid line of a JSON Lines history into the database, in batches; a record already there stays once. */
async function importFile(url: string, file: string) {
  const history = await PostgresHistory.open(url)
  let read = 0
  let stored = 0
  let skipped = 0
  try {
    await history.assertMigrated()
    let batch: ShipwatchRecord[] = []
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })
    for await (const line of lines) {
      if (!line.trim()) continue
      try {
        batch.push(parseRecord(line))
        read++
      } catch {
        skipped++
      }
      if (batch.length === BATCH) {
        stored += await history.append(batch)
        batch = []
      }
    }
    stored += await history.append(batch)
    return { read, stored, skipped }
  } finally {
    await history.close()
  }
}
