import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import type { BuildRecord } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, htmlReferences, readJson, removeFixtures } from '../../../test-support/fixture.js'
import { run } from '../src/cli/run.js'

afterAll(removeFixtures)

const input = (root: string) => ({ index: join(root, 'index.html'), about: join(root, 'about.html') })

async function viteBuild(root: string, plugins: unknown[], config: Record<string, unknown> = {}) {
  const log = captureLogger()
  await build({
    root,
    configFile: false,
    customLogger: log.logger as never,
    build: { rollupOptions: { input: input(root) } },
    plugins: plugins as never,
    ...config,
  })
  return log
}

/** gzip -9 of the files a built page loads, read from the page itself. */
function expectedInitial(root: string, page: string): number {
  const html = readFileSync(join(root, 'dist', page), 'utf8')
  return htmlReferences(html)
    .map((ref) => ref.replace(/^.*?(assets\/)/, '$1'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(root, 'dist', f)), { level: 9 }).length, 0)
}

async function cliCheck(root: string) {
  // Every initial file (JS and CSS), as the plugin's rule above measures.
  writeFileSync(
    join(root, 'bundle-budget.config.json'),
    JSON.stringify({ budgets: [{ target: 'initial', maxError: '1 MB' }] }),
  )
  let stdout = ''
  const code = await run({
    argv: ['check', 'dist', '--json'],
    cwd: root,
    env: {},
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: () => {} },
  })
  return {
    code,
    result: JSON.parse(stdout) as { outcomes: { target: string; actual: number; status: string }[] },
  }
}

describe('pages that share one entry script', () => {
  it('each page is measured from what it loads, in the plugin and in the CLI', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    // about.html loads the very script index.html loads: Vite makes one chunk, whose facade is the script.
    writeFileSync(
      join(root, 'about.html'),
      readFileSync(join(root, 'index.html'), 'utf8').replace('<title>Home</title>', '<title>About</title>'),
    )
    for (const plugins of [
      [bundleBudget({ budgets: [{ target: 'initial', maxError: '1 MB' }] })],
      [bundleBudget({ budgets: [{ target: 'initial', maxError: '1 MB' }] }), buildMetrics({ quiet: true })],
    ]) {
      await viteBuild(root, plugins)
    }
    const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
    for (const page of ['index.html', 'about.html']) {
      const result = record.budgets!.find((b) => b.target === page)
      expect(result, page).toMatchObject({ status: 'pass', actual: expectedInitial(root, page) })
      expect(result!.actual).toBeGreaterThan(0)
    }
    const { code, result } = await cliCheck(root)
    expect(code).toBe(0)
    expect(result.outcomes.map((o) => [o.target, o.actual]).sort()).toEqual(
      ['about.html', 'index.html'].map((p) => [p, expectedInitial(root, p)]),
    )
  })
})

describe('an app built with a base', () => {
  it.each(['/app/', 'https://cdn.example.com/app/'])(
    'bundle-budget check finds the pages’ files (base %s)',
    async (base) => {
      const root = copyFixture('two-pages', { modules: 2 })
      await viteBuild(root, [], { base })
      expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).toContain(`${base}assets/`)
      const { code, result } = await cliCheck(root)
      expect(code).toBe(0)
      for (const page of ['index.html', 'about.html']) {
        const outcome = result.outcomes.find((o) => o.target === page)
        expect(outcome, page).toMatchObject({ status: 'pass', actual: expectedInitial(root, page) })
      }
    },
  )
})

describe('a library build (no HTML page)', () => {
  it('is not held to the default page budget, alone or with build-metrics', async () => {
    for (const withMetrics of [false, true]) {
      const root = copyFixture('library', { modules: 0 })
      const log = captureLogger()
      await build({
        root,
        configFile: false,
        customLogger: log.logger as never,
        build: { lib: { entry: join(root, 'src/index.js'), formats: ['es'], fileName: 'lib' } },
        plugins: [bundleBudget(), ...(withMetrics ? [buildMetrics({ quiet: true })] : [])],
      })
      expect(log.info.join('\n')).toMatch(
        /no HTML page \(a library build\): the default page budget does not apply/,
      )
    }
  })

  it('still fails on a page rule the user wrote, which matches nothing', async () => {
    const root = copyFixture('library', { modules: 0 })
    const error = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { lib: { entry: join(root, 'src/index.js'), formats: ['es'], fileName: 'lib' } },
      plugins: [bundleBudget({ budgets: [{ target: 'initial', maxError: '1 MB' }] })],
    }).catch((e: Error) => e)
    expect(String(error)).toMatch(/initial: matches no file/)
  })
})
