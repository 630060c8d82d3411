import { z } from 'zod'
import { buildRecordSchema } from './build-record.js'
import { deployRecordSchema } from './deploy-record.js'
import { SCHEMA_VERSION } from './envelope.js'

export const recordSchema = z.discriminatedUnion('kind', [buildRecordSchema, deployRecordSchema])
export type ShipwatchRecord = z.infer<typeof recordSchema>

/** Upgrades a record of version `from` to version `from + 1`. */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>

/** Migrations keyed by the version they upgrade from. Empty while version 1 is the only one. */
export const migrations: Readonly<Record<number, Migration>> = {}

export class RecordError extends Error {
  override name = 'RecordError'
}

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

/** Brings a raw record up to `target` (the current version by default) through the given migrations. */
export function migrateRecord(
  value: Record<string, unknown>,
  available: Readonly<Record<number, Migration>> = migrations,
  target = SCHEMA_VERSION,
): Record<string, unknown> {
  const version = value.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RecordError('not a Shipwatch record: schemaVersion is missing or not a positive integer')
  }
  if (version > target) {
    throw new RecordError(
      `record has schemaVersion ${version} but this @shipwatch/core reads up to ${target}: upgrade the @shipwatch packages`,
    )
  }
  let current = value
  for (let v = version; v < target; v++) {
    const step = available[v]
    if (!step) throw new RecordError(`no migration from schemaVersion ${v} to ${v + 1}`)
    current = { ...step(current), schemaVersion: v + 1 }
  }
  return current
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new RecordError(`not JSON: ${(error as Error).message}`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The JSON Schema of a record, as shipped in `@shipwatch/core/schema.json`. */
export function recordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(recordSchema, { target: 'draft-2020-12' }) as Record<string, unknown>
}
