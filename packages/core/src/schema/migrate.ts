// Versions and migrations of records, without the schema: readers inside builds use them without loading zod.
import { SCHEMA_VERSION } from './version.js'

/** Upgrades a record of version `from` to version `from + 1`. */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>

/** Migrations keyed by the version they upgrade from. */
export const migrations: Readonly<Record<number, Migration>> = {
  // Version 2 records every build with its outcome and target. A version-1 build record was written for succeeded
  // builds only, except by `build-metrics track`, which kept the command's exit code; its pages tell its target.
  1: (record) => {
    if (record.kind !== 'build') return record
    const exitCode = record.exitCode
    const failed = typeof exitCode === 'number' && exitCode !== 0
    const pages = record.pages
    return {
      ...record,
      target: Array.isArray(pages) && pages.length > 0 ? 'app' : 'library',
      outcome: failed
        ? {
            result: 'failed',
            reasons: [{ kind: 'exit-code', message: `the command exited with code ${exitCode}` }],
          }
        : { result: 'succeeded', reasons: [] },
    }
  },
  // Version 3 keeps every module of 512 B or more (`modules`), where version 2 kept the 10 largest (`topModules`).
  2: (record) => {
    if (record.kind !== 'build' || !Array.isArray(record.outputs)) return record
    return {
      ...record,
      outputs: record.outputs.map((output) => {
        if (!isObject(output)) return output
        const { topModules, ...rest } = output
        return { ...rest, modules: Array.isArray(topModules) ? topModules : [] }
      }),
    }
  },
}

export class RecordError extends Error {
  override name = 'RecordError'
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
