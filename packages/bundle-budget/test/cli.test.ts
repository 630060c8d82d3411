import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'
import { run } from '../src/cli/run.js'

let root = ''
beforeAll(async () => {
  root = copyFixture('two-pages', { modules: 3 })
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { rollupOptions: { input: { index: join(root, 'index.html'), about: join(root, 'about.html') } } },
  })
})
afterAll(removeFixtures)

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv,
    cwd: root,
    env: { NO_COLOR: '1', ...env },
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  })
  return { code, stdout, stderr }
}

function config(rules: unknown, file = 'bundle-budget.config.json') {
  writeFileSync(join(root, file), JSON.stringify({ budgets: rules }))
  return file
}

describe('bundle-budget check', () => {
  it('passes with the default budget and says defaults are in use', async () => {
    const { code, stdout } = await cli(['check', 'dist', '--verbose'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/using the default \(initial JS per page under 500 kB gzip\)/)
    expect(stdout).toMatch(
      /✓ initial JS per page: index\.html is [\d.]+ (B|kB) gzip \(limit 500\.00 kB gzip\)/,
    )
  })

  it('exits 1 when a budget fails, with JSON, JUnit and GitHub annotations', async () => {
    const file = config([{ name: 'tiny', target: 'initial', maxError: '100 B' }], 'failing.json')
    const { code, stdout } = await cli(
      ['check', 'dist', '-c', file, '--json', '--junit', 'reports/budgets.xml'],
      { GITHUB_ACTIONS: 'true' },
    )
    expect(code).toBe(1)
    expect(stdout).toMatch(/^::error title=Budget%3A tiny::tiny: about\.html is/m)
    const json = JSON.parse(stdout.slice(stdout.indexOf('{')))
    expect(json.failed).toBe(true)
    expect(json.outcomes.map((o: { status: string }) => o.status)).toEqual(['fail', 'fail'])
    const junit = readFileSync(join(root, 'reports/budgets.xml'), 'utf8')
    expect(junit).toMatch(/<testsuite name="bundle-budget" tests="2" failures="2" skipped="0">/)
    expect(junit).toMatch(
      /<testcase classname="bundle-budget" name="tiny › index\.html"><failure message="tiny: index\.html is/,
    )
  })

  it('reads a TypeScript config through jiti', async () => {
    writeFileSync(
      join(root, 'budget.config.ts'),
      "import type { BundleBudgetOptions } from '@shipwatch/bundle-budget'\nconst limit: string = '1 B'\nexport default { budgets: [{ target: 'css', compression: 'none', maxWarning: limit }] } satisfies BundleBudgetOptions\n",
    )
    const { code, stdout } = await cli(['check', 'dist', '-c', 'budget.config.ts'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/! css: all css is [\d.]+ B, over the maxWarning of 1 B/)
    expect((await cli(['check', 'dist', '-c', 'budget.config.ts', '--fail-on-warning'])).code).toBe(1)
  })

  it('fails a rule whose output was renamed', async () => {
    const file = config([{ target: { glob: 'assets/lazy-*.js' }, maxError: '10 kB' }], 'renamed.json')
    expect((await cli(['check', 'dist', '-c', file])).code).toBe(0)
    const lazy = readdirSync(join(root, 'dist/assets')).find((f) => f.startsWith('lazy-'))!
    renameSync(join(root, 'dist/assets', lazy), join(root, 'dist/assets', lazy.replace('lazy-', 'route-')))
    try {
      const { code, stdout } = await cli(['check', 'dist', '-c', file])
      expect(code).toBe(1)
      expect(stdout).toMatch(/matches no file — was an output renamed or removed\?/)
    } finally {
      renameSync(join(root, 'dist/assets', lazy.replace('lazy-', 'route-')), join(root, 'dist/assets', lazy))
    }
  })

  it('exits 2 on bad configuration or usage, naming the problem', async () => {
    const bad = config([{ target: 'initial', maxError: '5%' }], 'bad.json')
    const result = await cli(['check', 'dist', '-c', bad])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/budgets\[0\]\.maxError "5%" is a percentage without "\+"/)
    expect((await cli(['check', 'missing-dir'])).stderr).toMatch(/is not a readable folder/)
    expect((await cli(['inspect'])).code).toBe(2)
    expect((await cli(['check', '--nope'])).code).toBe(2)
    expect((await cli(['check', '-c', 'absent.json'])).stderr).toMatch(/absent\.json does not exist/)
    expect((await cli(['--help'])).stdout).toMatch(
      /Exit codes: 0 all budgets pass, 1 a budget failed, 2 usage/,
    )
  })

  it('keeps a content-hash cache so unchanged files are not compressed again', async () => {
    await cli(['check', 'dist'])
    const cache = join(root, 'node_modules/.cache/shipwatch/sizes.json')
    expect(existsSync(cache)).toBe(true)
    expect(Object.keys(JSON.parse(readFileSync(cache, 'utf8'))).length).toBeGreaterThan(3)
  })
})
