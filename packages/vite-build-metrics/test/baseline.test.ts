import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import { type BuildRecord, HistoryStore } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'
import { run } from '../src/cli/run.js'

afterAll(removeFixtures)

describe('the baseline of a branch build', () => {
  it('is the base branch’s last succeeded build at the merge-base, never a failed one, and an unchanged build passes the gate', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@x', ...args], {
        cwd: root,
        encoding: 'utf8',
      }).trim()
    git('init', '-q', '-b', 'main')
    git('add', '-A')
    git('commit', '-qm', 'app')
    const input = { index: join(root, 'index.html'), about: join(root, 'about.html') }
    const viteBuild = (plugins: unknown[]) =>
      build({
        root,
        configFile: false,
        logLevel: 'silent',
        build: { rollupOptions: { input } },
        plugins: plugins as never,
      })

    await viteBuild([buildMetrics({ quiet: true })])
    // A failing build of main, after the good one: recorded as failed, so it must not be picked.
    const tiny = bundleBudget({ budgets: [{ target: 'initial', maxError: '10 B' }] })
    await expect(viteBuild([tiny, buildMetrics({ quiet: true })])).rejects.toThrow(/budget exceeded/)
    git('checkout', '-qb', 'feature')
    const log = captureLogger()
    await build({
      root,
      configFile: false,
      customLogger: log.logger as never,
      build: { rollupOptions: { input } },
      plugins: [
        bundleBudget({ budgets: [{ target: 'initial', maxError: '1 MB' }] }),
        buildMetrics({ baseBranch: 'main' }),
      ],
    })

    const [good, failed, feature] = new HistoryStore({ root }).list({ kind: 'build' }) as BuildRecord[]
    expect([good, failed, feature].map((r) => [r!.git.branch, r!.outcome.result])).toEqual([
      ['main', 'succeeded'],
      ['main', 'failed'],
      ['feature', 'succeeded'],
    ])
    let stdout = ''
    const code = await run({
      argv: ['report', '--base', 'main', '--fail-on-regression', '--json'],
      cwd: root,
      env: { NO_COLOR: '1' },
      stdout: { write: (chunk) => (stdout += chunk.toString()) },
      stderr: { write: () => true },
    })
    const report = JSON.parse(stdout)
    expect(report.baseline.id).toBe(good!.id)
    expect(report.baseline.reason).toBe('merge-base')
    expect(report.verdict).toBe('pass')
    expect(code).toBe(0)
    // The summary, the budgets and the report name the same baseline, and why.
    const named = `main@${good!.git.sha!.slice(0, 7)} (merge-base)`
    expect(log.info.join('\n')).toContain(`[bundle-budget] baseline: ${named}`)
    expect(log.info.join('\n')).toContain(`vs ${named}:`)
  })
})
