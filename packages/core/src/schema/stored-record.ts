import { isObject, migrateRecord } from './migrate.js'
import type { ShipwatchRecord } from './parse-record.js'

// Every field of a record was validated when it was appended (`HistoryStore.append`); a load checks only what tells
// a record from a torn or foreign line. Plain checks, not the schema: build plugins read history inside a build,
// where loading zod would cost more than the whole read.
const ENVELOPE_STRINGS = ['id', 'createdAt', 'project'] as const
const ARRAYS = { build: ['phases', 'plugins', 'outputs', 'pages'], deploy: ['checks'] } as const

/** Reads one line of a history file written by `HistoryStore.append`. Throws (SyntaxError, RecordError) otherwise. */
export function parseStoredRecord(line: string): ShipwatchRecord {
  // trim() also drops a byte-order mark, which an editor may put before a hand-added first line.
  return checkStoredRecord(JSON.parse(line.trim()) as unknown)
}

/** `parseStoredRecord` for a value already parsed (a history database's JSONB). */
export function checkStoredRecord(value: unknown): ShipwatchRecord {
  if (!isObject(value)) throw new SyntaxError('expected a JSON object')
  const record = migrateRecord(value)
  const kind = record.kind
  if (kind !== 'build' && kind !== 'deploy')
    throw new SyntaxError('invalid record at kind: expected build or deploy')
  for (const field of ENVELOPE_STRINGS) expect(typeof record[field] === 'string', field, 'a string')
  for (const field of ['git', 'ci', 'machine']) expect(isObject(record[field]), field, 'an object')
  for (const field of ARRAYS[kind]) expect(Array.isArray(record[field]), field, 'an array')
  expect(typeof record.status === 'string', 'status', 'a string')
  if (kind === 'build') {
    expect(typeof record.durationMs === 'number', 'durationMs', 'a number')
    expect(isObject(record.outcome), 'outcome', 'an object')
  } else expect(typeof record.url === 'string', 'url', 'a string')
  return record as unknown as ShipwatchRecord
}

function expect(ok: boolean, field: string, what: string): void {
  if (!ok) throw new SyntaxError(`invalid record at ${field}: expected ${what}`)
}
