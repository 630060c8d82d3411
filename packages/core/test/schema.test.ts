import { existsSync, readFileSync } from 'node:fs'
import { migrateRecord, parseRecord, RecordError, recordJsonSchema, SCHEMA_VERSION } from '@shipwatch/core'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { sampleBuildRecord, sampleDeployRecord } from '../../../test-support/records.js'

describe('parseRecord', () => {
  it('accepts a valid build and deploy record, from objects and JSON text', () => {
    const build = sampleBuildRecord()
    expect(parseRecord(build)).toEqual(build)
    const deploy = sampleDeployRecord()
    expect(parseRecord(JSON.stringify(deploy))).toEqual(deploy)
  })

  it('names the path of the bad field', () => {
    const bad = sampleBuildRecord()
    ;(bad.outputs[0] as { size: unknown }).size = -3
    expect(() => parseRecord(bad)).toThrow(/invalid record at outputs\.0\.size/)
    expect(() => parseRecord({ ...sampleDeployRecord(), checks: [{ id: 'x' }] })).toThrow(/checks\.0\.title/)
  })

  it('refuses a newer schema version and asks to upgrade', () => {
    const future = { ...sampleBuildRecord(), schemaVersion: SCHEMA_VERSION + 1 }
    expect(() => parseRecord(future)).toThrow(/upgrade the @shipwatch packages/)
  })

  it('refuses things that are not records', () => {
    expect(() => parseRecord('{not json')).toThrow(RecordError)
    expect(() => parseRecord('[1,2]')).toThrow(/expected a JSON object/)
    expect(() => parseRecord({ hello: 'world' })).toThrow(/schemaVersion is missing/)
  })

  it('reads version-1 records: a build gets its outcome from its exit code', () => {
    const { outcome: _, ...current } = sampleBuildRecord()
    const v1 = { ...current, schemaVersion: 1 }
    expect(parseRecord(v1)).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      outcome: { result: 'succeeded', reasons: [] },
    })
    expect(parseRecord({ ...v1, exitCode: 3 })).toMatchObject({
      outcome: {
        result: 'failed',
        reasons: [{ kind: 'exit-code', message: 'the command exited with code 3' }],
      },
    })
    const deploy = { ...sampleDeployRecord(), schemaVersion: 1 }
    expect(parseRecord(deploy)).toEqual({ ...deploy, schemaVersion: SCHEMA_VERSION })
  })

  it('migrates older versions step by step', () => {
    const v1 = { schemaVersion: 1, name: 'x' }
    const steps = {
      1: (r: Record<string, unknown>) => ({ ...r, renamed: r.name }),
      2: (r: Record<string, unknown>) => ({ ...r, third: true }),
    }
    expect(migrateRecord(v1, steps, 3)).toEqual({ schemaVersion: 3, name: 'x', renamed: 'x', third: true })
    expect(() => migrateRecord(v1, { 1: steps[1] }, 3)).toThrow(/no migration from schemaVersion 2 to 3/)
  })
})

describe('JSON Schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)

  it('validates sample records and rejects a broken one', () => {
    const validate = ajv.compile(recordJsonSchema())
    expect(validate(sampleBuildRecord())).toBe(true)
    expect(validate(sampleDeployRecord())).toBe(true)
    expect(validate({ ...sampleBuildRecord(), status: 'splendid' })).toBe(false)
    expect(validate({ ...sampleDeployRecord(), checks: 'none' })).toBe(false)
    expect(validate({ ...sampleBuildRecord(), createdAt: 'yesterday' })).toBe(false)
  })

  it('the shipped schema.json matches the schema in the code', () => {
    const file = new URL('../schema.json', import.meta.url)
    // schema.json is written by the package build; the test command always builds first.
    expect(existsSync(file), 'packages/core/schema.json is missing: run pnpm build').toBe(true)
    const shipped = JSON.parse(readFileSync(file, 'utf8'))
    expect(shipped).toEqual(recordJsonSchema())
    expect(ajv.compile(shipped)(sampleBuildRecord())).toBe(true)
  })
})
