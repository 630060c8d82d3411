import { z } from 'zod'
import { envelopeShape } from './envelope.js'
import { migrateRecord, type ShipwatchRecord } from './parse-record.js'

// Loading 10,000 records must take well under a second. Every record was fully validated by append(), so a load
// checks what tells a record from a torn or foreign line — the envelope and the top-level shape — not every field.
const storedRecordSchema = z.discriminatedUnion('kind', [
  z.looseObject({
    ...envelopeShape,
    kind: z.literal('build'),
    durationMs: z.number(),
    phases: z.array(z.unknown()),
    plugins: z.array(z.unknown()),
    outputs: z.array(z.unknown()),
    pages: z.array(z.unknown()),
    status: z.string(),
  }),
  z.looseObject({
    ...envelopeShape,
    kind: z.literal('deploy'),
    url: z.string(),
    checks: z.array(z.unknown()),
    status: z.string(),
  }),
])

/** Reads one line of a history file written by `HistoryStore.append`. Throws RecordError like parseRecord. */
export function parseStoredRecord(line: string): ShipwatchRecord {
  // Reuse parseRecord's errors for the JSON and version checks.
  const value = JSON.parse(line) as unknown
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError('expected a JSON object')
  }
  const migrated = migrateRecord(value as Record<string, unknown>)
  const result = storedRecordSchema.safeParse(migrated)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new SyntaxError(`invalid record at ${issue.path.join('.') || '(record)'}: ${issue.message}`)
  }
  return result.data as unknown as ShipwatchRecord
}
