import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import type { BuildRecord } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build as build8, version as version8 } from 'vite'
import { build as build7, version as version7 } from 'vite7'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, htmlReferences, readJson, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

const input = (root: string) => ({ index: join(root, 'index.html'), about: join(root, 'about.html') })

for (const [label, build, version] of [
  ['Vite 8', build8, version8],
  ['Vite 7', build7, version7],
] as const) {
  describe(`${label} (${version})`, () => {
    async function run(root: string, plugins: unknown[]) {
      const log = captureLogger()
      await (build as typeof build8)({
        root,
        configFile: false,
        customLogger: log.logger as never,
        build: { rollupOptions: { input: input(root) } },
        plugins: plugins as never,
      })
      return log
    }

    it('measures each page’s initial set exactly as Vite wrote it into the HTML', async () => {
      const root = copyFixture('two-pages', { modules: 3 })
      await run(root, [
        bundleBudget({ budgets: [{ target: 'initial', maxError: '1 MB' }], verbose: true }),
        buildMetrics({ quiet: true }),
      ])
      const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
      const results = record.budgets!
      expect(results.map((r) => r.target).sort()).toEqual(['about.html', 'index.html'])
      for (const result of results) {
        const html = readFileSync(join(root, 'dist', result.target), 'utf8')
        const expected = htmlReferences(html).reduce(
          (sum, f) => sum + gzipSync(readFileSync(join(root, 'dist', f)), { level: 9 }).length,
          0,
        )
        expect(result.actual, result.target).toBe(expected)
        expect(result.status).toBe('pass')
      }
    })

    it('fails the build through the bundler, naming the rule, the numbers and the biggest contributors', async () => {
      const root = copyFixture('two-pages', { modules: 3 })
      const error = await run(root, [
        bundleBudget({ budgets: [{ name: 'home JS', target: 'initial', type: 'js', maxError: '200 B' }] }),
      ]).catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      const message = (error as Error).message
      expect(message).toMatch(/budget exceeded/)
      expect(message).toMatch(/home JS: index\.html is [\d.]+ (B|kB) gzip, over the maxError of 200 B/)
      expect(message).toMatch(/largest modules: \S.* [\d.]+ (B|kB)/)
      expect(message).toMatch(/src\/(main|shared|generated)\.ts [\d.]+ B/)
    })

    it('warns without failing', async () => {
      const root = copyFixture('two-pages', { modules: 1 })
      const log = await run(root, [
        bundleBudget({ budgets: [{ target: 'js', compression: 'none', maxWarning: '100 B' }] }),
      ])
      expect(log.warn.join('\n')).toMatch(/all js is [\d.]+ kB, over the maxWarning of 100 B/)
    })
  })
}

describe('relative budgets against a real earlier build', () => {
  it('fails when initial JS grows more than allowed over the baseline recorded by build-metrics', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    const plugins = () => [
      bundleBudget({ budgets: [{ name: 'initial growth', target: 'initial', maxError: '+10% min 100 B' }] }),
      buildMetrics({ quiet: true }),
    ]
    const log = captureLogger()
    const options = (p: unknown[]) => ({
      root,
      configFile: false as const,
      customLogger: log.logger as never,
      build: { rollupOptions: { input: input(root) } },
      plugins: p as never,
    })
    await build8(options(plugins()))
    const first = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
    expect(first.budgets!.every((b) => b.status === 'no-baseline')).toBe(true)

    writeFileSync(
      join(root, 'src/shared.ts'),
      `${readFileSync(join(root, 'src/shared.ts'), 'utf8')}\nexport const big = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `entry number ${i} with text`))}\nconsole.log(big)\n`,
    )
    const error = await build8(options(plugins())).catch((e: Error) => e)
    expect((error as Error).message).toMatch(
      /initial growth: index\.html is [\d.]+ kB gzip, over the maxError of [\d.]+ (B|kB) gzip \(\+10% min 100 B on the baseline's/,
    )
    expect((error as Error).message).toMatch(/assets\/shared.*: \+[\d.]+ (B|kB) gzip vs baseline/)
    // The budget plugin fails the build from its own hook, on build-metrics' measurement.
    expect((error as { plugin?: string }).plugin).toBe('shipwatch:bundle-budget')
  })
})

describe('with build-metrics, in either order and on Vite 8 and 7', () => {
  for (const [label, build] of [
    ['Vite 8', build8],
    ['Vite 7', build7],
  ] as const) {
    for (const order of ['budget first', 'metrics first'] as const) {
      it(`${label}, ${order}: the budgets run on build-metrics' record and fail the build from bundle-budget`, async () => {
        const root = copyFixture('two-pages', { modules: 2 })
        const budget = bundleBudget({
          budgets: [{ name: 'tiny', target: 'initial', type: 'js', maxError: '100 B' }],
        })
        const metrics = buildMetrics({ quiet: true })
        const error = await (build as typeof build8)({
          root,
          configFile: false,
          logLevel: 'silent',
          build: { rollupOptions: { input: input(root) } },
          plugins: (order === 'budget first' ? [budget, metrics] : [metrics, budget]) as never,
        }).catch((e: Error) => e)
        expect((error as { plugin?: string }).plugin).toBe('shipwatch:bundle-budget')
        expect((error as Error).message).toMatch(
          /tiny: index\.html is [\d.]+ (B|kB) gzip, over the maxError of 100 B/,
        )
        // The build is recorded as failed, with the budget's reason and results, and never becomes a baseline.
        const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
        expect(record.outcome.result).toBe('failed')
        // One reason per failing page.
        expect(record.outcome.reasons.map((r) => [r.kind, r.message.split(' is ')[0]]).sort()).toEqual([
          ['budget', 'tiny: about.html'],
          ['budget', 'tiny: index.html'],
        ])
        expect(record.budgets?.map((b) => b.status)).toContain('fail')
      })
    }
  }
})
