import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Packs every package, installs the tarballs with npm into a fresh project outside the workspace (no workspace
// links), and uses them the way the READMEs say. Needs the packages built (the test command builds first).
const repo = fileURLToPath(new URL('../../', import.meta.url))
const project = mkdtempSync(join(tmpdir(), 'shipwatch-consumer-'))
const bin = (name: string) => join(project, 'node_modules/.bin', name)
const run = (command: string, args: string[]) =>
  execFileSync(command, args, {
    cwd: project,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })

beforeAll(() => {
  const tarballs: Record<string, string> = {}
  mkdirSync(join(project, 'tarballs'))
  for (const dir of ['core', 'vite-build-metrics', 'bundle-budget', 'deploy-verify']) {
    execFileSync('pnpm', ['pack', '--pack-destination', join(project, 'tarballs')], {
      cwd: join(repo, 'packages', dir),
      stdio: 'ignore',
    })
  }
  for (const file of readdirSync(join(project, 'tarballs'))) {
    const name = `@shipwatch/${file.replace(/^shipwatch-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`
    tarballs[name] = `file:./tarballs/${file}`
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer-app',
        private: true,
        type: 'module',
        dependencies: { ...tarballs, vite: '^8.3.0', 'html-validate': '^10.9.0' },
        overrides: tarballs,
      },
      null,
      2,
    ),
  )
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'])
  writeFileSync(
    join(project, 'index.html'),
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>Consumer</title>\n  </head>\n  <body>\n    <div id="app"></div>\n    <script type="module" src="/src/main.js"></script>\n  </body>\n</html>\n',
  )
  mkdirSync(join(project, 'src'))
  writeFileSync(
    join(project, 'src/main.js'),
    "document.querySelector('#app').textContent = 'hello from a consumer'\n",
  )
  writeFileSync(
    join(project, 'vite.config.js'),
    [
      "import bundleBudget from '@shipwatch/bundle-budget/vite'",
      "import buildMetrics from '@shipwatch/vite-build-metrics/vite'",
      "import { defineConfig } from 'vite'",
      '',
      'export default defineConfig({',
      "  plugins: [bundleBudget({ budgets: [{ target: 'initial', maxError: '50 kB' }] }), buildMetrics({ buildInfo: true, html: { validate: 'error' } })],",
      '})',
      '',
    ].join('\n'),
  )
}, 240_000)

afterAll(() => rmSync(project, { recursive: true, force: true }))

describe('installed from tarballs, outside the workspace', () => {
  it('installs real copies, not workspace links', () => {
    const core = join(project, 'node_modules/@shipwatch/core/package.json')
    expect(JSON.parse(readFileSync(core, 'utf8')).version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(existsSync(join(project, 'node_modules/@shipwatch/core/dist/index.js'))).toBe(true)
    expect(existsSync(join(project, 'node_modules/@shipwatch/core/src'))).toBe(false)
  })

  it('builds a Vite app with both plugins, writing a record and build-info.json', () => {
    const output = run(bin('vite'), ['build'])
    expect(output).toMatch(/\[build-metrics\] ✓ good/)
    expect(output).toMatch(/\[bundle-budget\] budgets: 1 passed/)
    // build-metrics carries core's light half inside its own files: what it loads later must still resolve from
    // an installed package (html-validate from the consumer, git and CI facts from @shipwatch/core).
    expect(output).not.toMatch(/internal error|may be incomplete/i)
    const record = JSON.parse(readFileSync(join(project, 'test-artifacts/build-metrics/latest.json'), 'utf8'))
    expect(record.html.map((page: { page: string; errors: number }) => [page.page, page.errors])).toEqual([
      ['index.html', 0],
    ])
    expect(typeof record.ci.isCi).toBe('boolean')
    expect(record.machine.cores).toBeGreaterThan(0)
    expect(existsSync(join(project, 'test-artifacts/build-metrics/history.jsonl'))).toBe(true)
    expect(
      JSON.parse(readFileSync(join(project, 'dist/build-info.json'), 'utf8')).files.length,
    ).toBeGreaterThan(0)
  })

  it('runs build-metrics report and bundle-budget check from node_modules/.bin', () => {
    run(bin('build-metrics'), ['report'])
    expect(existsSync(join(project, 'test-artifacts/build-metrics/report.html'))).toBe(true)
    expect(run(bin('bundle-budget'), ['check', 'dist'])).toMatch(/budgets: 1 passed, 0 warnings, 0 failed/)
    expect(run(bin('build-metrics'), ['--help'])).toMatch(/build-metrics track/)
    expect(run(bin('deploy-verify'), ['--help'])).toMatch(/Exit codes: 0 all checks passed/)
  })
})
