import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BuildRecord } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build, version } from 'vite7'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, htmlReferences, readJson, removeFixtures } from '../../../test-support/fixture.js'
import { filteredPlugin, syncCostPlugin } from './helpers/timing-plugins.js'

afterAll(removeFixtures)

describe(`Vite ${version} (Rollup)`, () => {
  it('is really Vite 7', () => {
    expect(version.split('.')[0]).toBe('7')
  })

  it('records phases, plugin costs, exact sizes and each page’s initial set', async () => {
    const root = copyFixture('two-pages', { modules: 8 })
    const log = captureLogger()
    const filtered = filteredPlugin()
    await build({
      root,
      configFile: false,
      customLogger: log.logger as never,
      build: {
        rollupOptions: { input: { index: join(root, 'index.html'), about: join(root, 'about.html') } },
      },
      plugins: [
        syncCostPlugin(3),
        syncCostPlugin(1, 'test:twin'),
        syncCostPlugin(1, 'test:twin'),
        filtered.plugin,
        // Our published types follow Vite 8; Vite 7's Plugin type differs only in Rollup vs Rolldown contexts.
        buildMetrics() as never,
      ],
    })
    const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
    expect(record.bundler).toEqual({ name: 'vite', version })
    const phaseSum = record.phases.reduce((s, p) => s + p.durationMs, 0)
    expect(Math.abs(phaseSum - record.durationMs)).toBeLessThan(0.01)

    const cost = record.plugins.find((p) => p.name === 'test:sync-cost')!.hooks.transform!
    expect(cost.totalMs).toBeGreaterThanOrEqual(8 * 3)
    expect(cost.totalMs).toBeLessThan(8 * 3 * 3)
    expect(record.plugins.filter((p) => p.name === 'test:twin')).toHaveLength(2)
    expect(record.plugins.find((p) => p.name === 'test:filtered-css')!.hooks.transform!.calls).toBe(
      filtered.seen.length,
    )

    for (const output of record.outputs) {
      const path = join(root, 'dist', output.fileName)
      expect(output.size, output.fileName).toBe(statSync(path).size)
      expect(output.gzip, output.fileName).toBe(gzipSync(readFileSync(path), { level: 9 }).length)
    }
    expect(record.pages).toHaveLength(2)
    for (const page of record.pages) {
      const html = readFileSync(join(root, 'dist', page.html), 'utf8')
      expect([...page.initial.files].sort(), page.html).toEqual(htmlReferences(html))
    }
    expect(log.error).toEqual([])
  })
})
