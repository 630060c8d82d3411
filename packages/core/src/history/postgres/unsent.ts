import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ShipwatchRecord } from '../../schema/parse-record.js'
import { appendLine } from '../append-line.js'
import { PostgresHistory } from './postgres-history.js'

/** Records the database has not confirmed yet, next to the file history; sent first by the next send or sync. */
export const UNSENT_FILE = 'unsent.jsonl'

export interface SendResult {
  /** Records the database stored now (the new one and any sent again from the unsent file). */
  stored: number
  /** Why nothing could be sent; the records wait in the unsent file. */
  failure: string | null
}

/** A connection opened ahead of the send, its schema version checked (`connectEarly`). */
export interface EarlyConnection {
  ready: Promise<PostgresHistory>
  /** Closes it, whether or not it was used or could be opened. */
  close(): Promise<void>
}

/**
 * Connects and checks the schema version now, so that the send later costs one insert: a plugin calls it when the
 * build starts, and the handshake overlaps the bundling instead of following it.
 */
export function connectEarly(url: string, timeoutMs?: number): EarlyConnection {
  const ready = (async () => {
    const history = await PostgresHistory.open(url, timeoutMs)
    try {
      await history.assertMigrated()
      return history
    } catch (error) {
      await history.close().catch(() => {})
      throw error
    }
  })()
  // The send reports a failure; until then it must not count as unhandled.
  ready.catch(() => {})
  return {
    ready,
    close: async () => {
      const history = await ready.catch(() => null)
      await history?.close().catch(() => {})
    },
  }
}

/**
 * Sends a record (and every earlier one that could not be sent) to the database, over `early` when given. The unsent file is claimed by a
 * rename, so two runners never send the same lines; on failure the claimed lines go back, with the new record.
 * Appends are idempotent by id: a record that reached the database before a failure is not stored twice.
 */
export async function sendToDatabase(
  url: string,
  historyDir: string,
  record: ShipwatchRecord | null,
  { timeoutMs, early }: { timeoutMs?: number; early?: EarlyConnection } = {},
): Promise<SendResult> {
  const unsent = join(historyDir, UNSENT_FILE)
  const claimed = claim(unsent)
  const waiting = claimed ? readLines(claimed) : []
  // A line torn by a runner killed mid-write is no record to send; the others go.
  const records = [...waiting.flatMap((line) => parsed(line)), ...(record ? [record] : [])]
  if (records.length === 0) {
    await early?.close()
    return { stored: 0, failure: null }
  }
  let history: PostgresHistory | null = null
  try {
    history = early ? await early.ready : await connectEarly(url, timeoutMs).ready
    const stored = await history.append(records)
    if (claimed) unlinkSync(claimed)
    return { stored, failure: null }
  } catch (error) {
    mkdirSync(dirname(unsent), { recursive: true })
    for (const line of waiting) appendLine(unsent, line)
    if (record) appendLine(unsent, JSON.stringify(record))
    if (claimed) unlinkSync(claimed)
    return { stored: 0, failure: (error as Error).message }
  } finally {
    // Closed in the background: a build need not wait for the server's goodbye (≈ 10 ms, bench/README.md).
    void (early ? early.close() : history?.close().catch(() => {}))
  }
}

/** How many records wait in the unsent file. */
export function countUnsent(historyDir: string): number {
  const file = join(historyDir, UNSENT_FILE)
  return existsSync(file) ? readLines(file).length : 0
}

function claim(file: string): string | null {
  const claimed = `${file}.${randomUUID()}.sending`
  try {
    renameSync(file, claimed)
    return claimed
  } catch {
    return null // nothing waits, or another runner claimed it first
  }
}

function parsed(line: string): ShipwatchRecord[] {
  try {
    return [JSON.parse(line) as ShipwatchRecord]
  } catch {
    return []
  }
}

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
}
