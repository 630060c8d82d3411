import { readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BuildRecord } from '@shipwatch/core'
import rolldownMetrics from '@shipwatch/vite-build-metrics/rolldown'
import rollupMetrics from '@shipwatch/vite-build-metrics/rollup'
import { VERSION as ROLLDOWN_VERSION, rolldown } from 'rolldown'
import { VERSION as ROLLUP_VERSION, rollup } from 'rollup'
import { afterAll, describe, expect, it } from 'vitest'
import { copyFixture, readJson, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

// Plain JS entry: Rollup has no TypeScript support of its own.
function jsFixture() {
  const root = copyFixture('library', { modules: 0 })
  return root
}

function checkRecord(record: BuildRecord, root: string, outDir: string) {
  const phaseSum = record.phases.reduce((s, p) => s + p.durationMs, 0)
  expect(Math.abs(phaseSum - record.durationMs)).toBeLessThan(0.01)
  expect(record.phases.map((p) => p.name)).toEqual(['config', 'modules', 'render', 'write', 'other'])
  expect(record.modules.source).toBe(4)
  const entry = record.outputs.find((o) => o.isEntry)!
  expect(entry.dynamicImports).toHaveLength(1)
  // Modules are named relative to the root (Rollup's: the working directory), so builds on different machines agree.
  const index = relative(process.cwd(), join(root, 'src/index.js')).replaceAll('\\', '/')
  expect(entry.modules.map((m) => m.id)).toContain(index)
  expect(entry.facade).toBe(index)
  for (const output of record.outputs) {
    const path = join(root, outDir, output.fileName)
    expect(output.size).toBe(statSync(path).size)
    expect(output.gzip).toBe(gzipSync(readFileSync(path), { level: 9 }).length)
  }
  const cost = record.plugins.find((p) => p.name === 'test:lib-cost')!.hooks.transform!
  // Rolldown also sends its own `\0rolldown/runtime.js` through transform.
  expect(cost.calls).toBe(record.bundler.name === 'rolldown' ? 5 : 4)
  expect(cost.totalMs).toBeGreaterThanOrEqual(4 * 5)
  expect(cost.totalMs).toBeLessThan(4 * 5 * 4)
}

function libCost() {
  return {
    name: 'test:lib-cost',
    transform(_code: string, id: string) {
      if (id.endsWith('.js') && !id.startsWith('\0')) {
        const until = performance.now() + 5
        while (performance.now() < until) {
          // spin
        }
      }
      return null
    },
  }
}

describe('Rollup and Rolldown', () => {
  it(`records a Rollup ${ROLLUP_VERSION} build`, async () => {
    expect(ROLLUP_VERSION.split('.')[0]).toBe('4')
    const root = jsFixture()
    const bundle = await rollup({
      input: join(root, 'src/index.js'),
      plugins: [libCost(), rollupMetrics({ historyDir: join(root, 'history') })],
    })
    await bundle.write({ dir: join(root, 'out'), format: 'es' })
    await bundle.close()
    const record = readJson<BuildRecord>(join(root, 'history/latest.json'))
    expect(record.bundler).toEqual({ name: 'rollup', version: ROLLUP_VERSION })
    checkRecord(record, root, 'out')
  })

  it(`records a Rolldown ${ROLLDOWN_VERSION} build`, async () => {
    expect(ROLLDOWN_VERSION.split('.')[0]).toBe('1')
    const root = jsFixture()
    const bundle = await rolldown({
      input: join(root, 'src/index.js'),
      plugins: [libCost(), rolldownMetrics({ historyDir: join(root, 'history') })],
    })
    await bundle.write({ dir: join(root, 'out'), format: 'es' })
    await bundle.close()
    const record = readJson<BuildRecord>(join(root, 'history/latest.json'))
    expect(record.bundler).toEqual({ name: 'rolldown', version: ROLLDOWN_VERSION })
    checkRecord(record, root, 'out')
    expect(record.bundlerInternalMs).not.toBeNull()
  })

  it.each([
    ['Rollup', () => rollup, rollupMetrics],
    ['Rolldown', () => rolldown, rolldownMetrics],
  ] as const)(
    '%s generate() without a write: sizes come from the outputs in memory',
    async (_name, bundler, metrics) => {
      const root = jsFixture()
      const create = bundler() as typeof rollup
      const bundle = await create({
        input: join(root, 'src/index.js'),
        plugins: [metrics({ historyDir: join(root, 'history') }) as never],
      })
      const { output } = await bundle.generate({ format: 'es' })
      await bundle.close()
      const record = readJson<BuildRecord>(join(root, 'history/latest.json'))
      expect(record.outputs.map((o) => o.fileName).sort()).toEqual(output.map((o) => o.fileName).sort())
      for (const item of output) {
        const bytes = Buffer.from(item.type === 'chunk' ? item.code : item.source)
        const recorded = record.outputs.find((o) => o.fileName === item.fileName)!
        expect(recorded.size, item.fileName).toBe(bytes.length)
        expect(recorded.gzip, item.fileName).toBe(gzipSync(bytes, { level: 9 }).length)
      }
    },
  )

  it('sums multi-output builds', async () => {
    const root = jsFixture()
    const bundle = await rollup({
      input: join(root, 'src/index.js'),
      plugins: [rollupMetrics({ historyDir: join(root, 'h') })],
    })
    await bundle.write({ dir: join(root, 'es'), format: 'es' })
    await bundle.write({
      dir: join(root, 'cjs'),
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: '[name]-[hash].cjs',
    })
    await bundle.close()
    const record = readJson<BuildRecord>(join(root, 'h/latest.json'))
    expect(
      record.outputs
        .filter((o) => o.isEntry)
        .map((o) => o.fileName)
        .sort(),
    ).toEqual(['index.cjs', 'index.js'])
  })
})
