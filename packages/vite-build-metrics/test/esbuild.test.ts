import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BuildRecord } from '@shipwatch/core'
import esbuildMetrics from '@shipwatch/vite-build-metrics/esbuild'
import { build, version } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { copyFixture, readJson, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

describe(`esbuild ${version}`, () => {
  it('records total time, modules and every output with exact sizes', async () => {
    const root = copyFixture('library', { modules: 0 })
    await build({
      absWorkingDir: root,
      entryPoints: ['src/index.js'],
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: 'out',
      logLevel: 'silent',
      plugins: [esbuildMetrics({ historyDir: 'history', quiet: true })],
    })
    const record = readJson<BuildRecord>(join(root, 'history/latest.json'))
    expect(record.bundler).toEqual({ name: 'esbuild', version })
    expect(record.durationMs).toBeGreaterThan(0)
    expect(record.modules.source).toBe(4)
    const entry = record.outputs.find((o) => o.isEntry)!
    expect(entry.fileName).toBe('out/index.js')
    expect(entry.dynamicImports).toHaveLength(1)
    for (const output of record.outputs) {
      const path = join(root, output.fileName)
      expect(output.size, output.fileName).toBe(statSync(path).size)
      expect(output.gzip, output.fileName).toBe(gzipSync(readFileSync(path), { level: 9 }).length)
    }
  })
})
