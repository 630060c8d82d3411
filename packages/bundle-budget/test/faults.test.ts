import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import { CompressionPool } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'
import { sampleBuildRecord } from '../../../test-support/records.js'

afterAll(removeFixtures)

// Faults of ours (the history, the compression workers) give one warning and a build that succeeds, with
// bundle-budget alone and as build-metrics' gate.
for (const withMetrics of [false, true]) {
  describe(withMetrics ? 'bundle-budget with build-metrics' : 'bundle-budget alone', () => {
    async function viteBuild(root: string) {
      const log = captureLogger()
      await build({
        root,
        configFile: false,
        customLogger: log.logger as never,
        plugins: [
          bundleBudget({ budgets: [{ target: 'initial', maxError: '1 MB' }] }),
          ...(withMetrics ? [buildMetrics({ quiet: true })] : []),
        ],
      })
      return log
    }

    it('a history file that is a folder (EISDIR) becomes a warning, and the budgets still run', async () => {
      const root = copyFixture('two-pages', { modules: 2 })
      mkdirSync(join(root, 'test-artifacts/build-metrics/history.jsonl'), { recursive: true })
      const log = await viteBuild(root)
      expect(existsSync(join(root, 'dist/index.html'))).toBe(true)
      const warnings = log.warn.filter((w) => w.includes('EISDIR'))
      expect(warnings.length).toBeGreaterThanOrEqual(1)
      expect(log.warn.some((w) => w.includes('Please report this'))).toBe(false)
      expect(log.info.some((l) => /budget/.test(l) && /pass/.test(l))).toBe(true)
    })

    it('a crashed compression worker becomes one warning', async () => {
      const root = copyFixture('two-pages', { modules: 2 })
      // Past 4 MiB of output, sizes go to the worker pool: a big public file gets us there.
      writeFileSync(join(root, 'public/big.txt'), 'shipwatch '.repeat(500_000))
      const original = CompressionPool.prototype.compress
      CompressionPool.prototype.compress = () => Promise.reject(new Error('worker crashed'))
      try {
        const log = await viteBuild(root)
        expect(log.warn.filter((w) => w.includes('worker crashed'))).toHaveLength(1)
      } finally {
        CompressionPool.prototype.compress = original
      }
    })

    it('a damaged history line passed over for the baseline becomes a warning naming it', async () => {
      const root = copyFixture('two-pages', { modules: 2 })
      const file = join(root, 'test-artifacts/build-metrics/history.jsonl')
      mkdirSync(join(root, 'test-artifacts/build-metrics'), { recursive: true })
      appendFileSync(file, `${JSON.stringify(sampleBuildRecord({ project: 'other-app' }))}\n{"torn": tr\n`)
      const log = await viteBuild(root)
      expect(log.warn.filter((w) => w.includes('skipped a damaged history line'))).not.toHaveLength(0)
      expect(log.warn.find((w) => w.includes('skipped a damaged history line'))).toMatch(
        /line 1 from the end/,
      )
    })
  })
}

describe('options', () => {
  // Each as a vite.config.js would pass it (no TypeScript to catch it): the message names the option and the fix.
  it.each([
    [{ failOnWarning: 'no' }, 'failOnWarning must be true or false (failOnWarning: true), got "no"'],
    [{ verbose: 1 }, 'verbose must be true or false (verbose: true), got 1'],
    [{ budget: [] }, 'unknown option budget (did you mean budgets?)'],
    [{ histroyDir: 'x' }, 'unknown option histroyDir (did you mean historyDir?)'],
    [{ historyDir: 5 }, 'historyDir must be a folder path, e.g. "test-artifacts/build-metrics", got 5'],
    [
      { budgets: { target: 'initial' } },
      'budgets must be a list of rules, e.g. [{ target: "initial", maxError: "500 kB" }]',
    ],
  ])('%j', (options, message) => {
    expect(() => bundleBudget(options as never)).toThrow(`bundleBudget(options): ${message}`)
  })

  it('names the closest budget field for a typo in a rule', () => {
    expect(() => bundleBudget({ budgets: [{ target: 'initial', maxErorr: '1 kB' } as never] })).toThrow(
      'budgets[0].maxErorr is not a budget field (did you mean maxError?)',
    )
  })
})
