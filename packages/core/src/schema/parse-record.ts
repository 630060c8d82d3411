import { z } from 'zod'
import { buildRecordSchema } from './build-record.js'
import { deployRecordSchema } from './deploy-record.js'
import { isObject, type Migration, migrateRecord, migrations, RecordError } from './migrate.js'

export const recordSchema = z.discriminatedUnion('kind', [buildRecordSchema, deployRecordSchema])
export type ShipwatchRecord = z.infer<typeof recordSchema>

export { type Migration, migrateRecord, migrations, RecordError }

/**
 * Validates a record (a JSON string or a parsed value), migrating older schema versions first.
 * Throws a {@link RecordError} naming the path of the first bad field, or asking to upgrade for newer versions.
 */
export function parseRecord(
  input: unknown,
  available: Readonly<Record<number, Migration>> = migrations,
): ShipwatchRecord {
  const value = typeof input === 'string' ? parseJson(input) : input
  if (!isObject(value)) throw new RecordError('not a Shipwatch record: expected a JSON object')
  const migrated = migrateRecord(value, available)
  const result = recordSchema.safeParse(migrated)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const path = issue.path.length > 0 ? issue.path.join('.') : '(record)'
  throw new RecordError(`invalid record at ${path}: ${issue.message}`)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.trim())
  } catch (error) {
    throw new RecordError(`not JSON: ${(error as Error).message}`)
  }
}

/** The JSON Schema of a record, as shipped in `@shipwatch/core/schema.json`. */
export function recordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(recordSchema, { target: 'draft-2020-12' }) as Record<string, unknown>
}
