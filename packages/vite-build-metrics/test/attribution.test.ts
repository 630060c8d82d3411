import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import { type Attribution, type BuildRecord, HistoryStore } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { launchChromium } from '../../../test-support/chromium.js'
import { removeFixtures } from '../../../test-support/fixture.js'
import {
  bulkyModule,
  createRoutesApp,
  leftPadSource,
  type RoutesApp,
} from '../../../test-support/routes-app.js'
import { run } from '../src/cli/run.js'

afterAll(removeFixtures)

const ROLLUP_BIN = createRequire(import.meta.url).resolve('rollup/dist/bin/rollup')
const PLUGIN = pathToFileURL(fileURLToPath(new URL('../dist/rollup.js', import.meta.url))).href
// Bare imports are resolved by Node's own resolver (nested node_modules included), as a resolve plugin would.
const ROLLUP_CONFIG = `import { createRequire } from 'node:module'
import { isAbsolute } from 'node:path'
import buildMetrics from '${PLUGIN}'

const nodeResolution = {
  name: 'test:node-resolution',
  resolveId(source, importer) {
    if (!importer || source.startsWith('.') || isAbsolute(source) || source.startsWith('\\0')) return null
    return createRequire(importer).resolve(source)
  },
}

export default {
  input: 'src/main.js',
  output: { dir: 'dist', format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
  plugins: [nodeResolution, buildMetrics({ quiet: true })],
}
`

const bundlers = {
  'Vite 8': async (app: RoutesApp, log = captureLogger()) => {
    await build({
      root: app.root,
      configFile: false,
      customLogger: log.logger as never,
      plugins: [buildMetrics({ baseBranch: 'main' })],
    })
    return log
  },
  // Rollup's CLI in the app's folder, as a user runs it: the plugin's root, history and git are the working directory.
  Rollup: async (app: RoutesApp) => {
    if (!existsSync(join(app.root, 'rollup.config.mjs'))) app.write('rollup.config.mjs', ROLLUP_CONFIG)
    execFileSync(process.execPath, [ROLLUP_BIN, '-c', 'rollup.config.mjs', '--silent'], { cwd: app.root })
    return null
  },
} as const

async function cli(app: RoutesApp, ...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = ''
  const code = await run({
    argv,
    cwd: app.root,
    env: { NO_COLOR: '1' },
    stdout: { write: (chunk) => (stdout += chunk.toString()) },
    stderr: { write: () => true },
  })
  return { code, stdout }
}

async function diff(app: RoutesApp, a: string, b: string) {
  const { code, stdout } = await cli(app, 'diff', a, b, '--format', 'json')
  expect(code).toBe(0)
  return JSON.parse(stdout) as { before: { id: string }; after: { id: string }; attribution: Attribution }
}

const routeOf = (a: Attribution, source: string) => a.outputs.find((o) => o.source === source)

describe.each(Object.keys(bundlers) as (keyof typeof bundlers)[])(
  'attribution between commits, %s',
  (bundler) => {
    it('names the route, module, package, duplicate versions, hash-only and renamed chunks; diff by sha and branch', async () => {
      const app = createRoutesApp()
      const buildIt = bundlers[bundler]
      const builds = () => new HistoryStore({ root: app.root }).list({ kind: 'build' }) as BuildRecord[]
      await buildIt(app)
      const shaA = app.git('rev-parse', 'HEAD')

      // B: the lazy route grows by ≈ 8 kB, through a new module.
      app.git('checkout', '-qb', 'feature/reports')
      app.write('src/routes/report-table.js', bulkyModule('rows', 8000))
      app.write(
        'src/routes/reports.js',
        "import { rows } from './report-table.js'\n\nexport function showReports() {\n  document.body.append('Reports v1', rows.join())\n}\n",
      )
      const shaB = app.commit('feat: report table')
      const log = await buildIt(app)
      const grown = await diff(app, shaA.slice(0, 7), shaB.slice(0, 10))
      const route = routeOf(grown.attribution, 'src/routes/reports.js')!
      expect(route.status).toBe('changed')
      expect(route.delta.size).toBeGreaterThan(6_000)
      expect(route.delta.size).toBeLessThan(10_000)
      const table = route.modules.find((m) => m.id === 'src/routes/report-table.js')!
      expect(table).toMatchObject({ before: null, package: null })
      expect(table.delta).toBeGreaterThan(7_000)
      const entry = bundler === 'Vite 8' ? ['index.html', 'src/main.js'] : ['src/main.js']
      expect(table.chain).toEqual([...entry, 'src/routes/reports.js', 'src/routes/report-table.js'])
      // The entry chunk only points at the route's new file name: same size, reported unchanged.
      expect(grown.attribution.outputs.filter((o) => o.status !== 'unchanged').map((o) => o.source)).toEqual([
        'src/routes/reports.js',
      ])
      if (log) {
        const summary = log.info.join('\n')
        expect(summary).toMatch(/assets\/reports\.js \(src\/routes\/reports\.js\): \+\d\.\d\d kB \(gzip \+\d/)
        expect(summary).toMatch(/src\/routes\/report-table\.js \+\d\.\d\d kB \(new\)/)
        expect(summary).toContain('imported by index.html → src/main.js → src/routes/reports.js')
      }

      // C: a new dependency of the route.
      app.addPackage('.', 'chart-lib', '2.1.0', { 'index.js': bulkyModule('chart', 3000) })
      app.write(
        'src/routes/reports.js',
        "import { chart } from 'chart-lib'\nimport { rows } from './report-table.js'\n\nexport function showReports() {\n  document.body.append('Reports v1', rows.join(), chart.join())\n}\n",
      )
      app.commit('feat: charts')
      await buildIt(app)
      const added = (await diff(app, shaB, 'latest')).attribution
      expect(added.packages.added).toEqual(['chart-lib'])
      const withChart = routeOf(added, 'src/routes/reports.js')!
      expect(withChart.packages).toEqual([
        expect.objectContaining({
          name: 'chart-lib',
          before: { versions: [], size: 0 },
          after: expect.objectContaining({ versions: ['2.1.0'] }),
        }),
      ])
      expect(withChart.modules.find((m) => m.id === 'chart-lib@2.1.0/index.js')?.chain?.slice(-2)).toEqual([
        'src/routes/reports.js',
        'chart-lib@2.1.0/index.js',
      ])

      // D: chart-lib brings its own left-pad 2.0.0 next to the app's 1.0.0.
      app.addPackage('node_modules/chart-lib', 'left-pad', '2.0.0', { 'index.js': leftPadSource('2') })
      app.write(
        'node_modules/chart-lib/index.js',
        `import leftPad from 'left-pad'\n${bulkyModule('chart', 3000).replace('export const chart = [', "export const chart = [leftPad('x', 3), ")}`,
      )
      app.commit('chore: chart-lib 2.1.0 with left-pad 2')
      await buildIt(app)
      const duplicated = (await diff(app, 'baseline', 'latest')).attribution
      expect(duplicated.packages.duplicated).toEqual([{ name: 'left-pad', versions: ['1.0.0', '2.0.0'] }])

      // E: the same number of bytes: new hashes, nothing to report.
      const before = builds().at(-1)!
      app.write(
        'src/routes/reports.js',
        readFileSync(join(app.root, 'src/routes/reports.js'), 'utf8').replace('Reports v1', 'Reports v2'),
      )
      app.commit('fix: wording')
      await buildIt(app)
      const hashOnly = (await diff(app, before.id, 'latest')).attribution
      const sameRoute = routeOf(hashOnly, 'src/routes/reports.js')!
      expect(sameRoute.before!.fileName).not.toBe(sameRoute.after!.fileName)
      expect(sameRoute.status).toBe('unchanged')
      expect(hashOnly.outputs.filter((o) => o.status !== 'unchanged')).toEqual([])

      // F: the route's file is renamed: its chunk has a new name and facade, and mostly the same modules.
      app.git('mv', 'src/routes/reports.js', 'src/routes/analytics.js')
      app.write(
        'src/main.js',
        readFileSync(join(app.root, 'src/main.js'), 'utf8').replace(
          './routes/reports.js',
          './routes/analytics.js',
        ),
      )
      app.commit('refactor: reports are analytics')
      await buildIt(app)
      const renamed = (await diff(app, builds().at(-2)!.id, 'latest')).attribution
      const moved = routeOf(renamed, 'src/routes/analytics.js')!
      expect(moved.status).toBe('renamed')
      expect(moved.before!.fileName).toMatch(/(^|\/)reports-[\w-]+\.js$/)

      // diff by branch: main's newest build against the feature branch's.
      const byBranch = await diff(app, 'main', 'feature/reports')
      expect(byBranch.before.id).toBe(builds()[0]!.id)
      expect(byBranch.after.id).toBe(builds().at(-1)!.id)
      const text = await cli(app, 'diff', 'main', 'feature/reports')
      expect(text.stdout).toContain('src/routes/report-table.js')
      expect(text.stdout).toContain('left-pad is bundled in 2 versions: 1.0.0, 2.0.0')
      expect((await cli(app, 'diff', 'main', 'no-such-branch')).code).toBe(2)
    })
  },
)

describe('report.md and report.html of a grown route', () => {
  it('lead with the regression and name route, module and package; Chromium shows the attribution', async () => {
    const app = createRoutesApp()
    await bundlers['Vite 8'](app)
    app.git('checkout', '-qb', 'feature/reports')
    app.addPackage('.', 'chart-lib', '2.1.0', { 'index.js': bulkyModule('chart', 3000) })
    app.write('src/routes/report-table.js', bulkyModule('rows', 8000))
    app.write(
      'src/routes/reports.js',
      "import { chart } from 'chart-lib'\nimport { rows } from './report-table.js'\n\nexport function showReports() {\n  document.body.append(rows.join(), chart.join())\n}\n",
    )
    app.commit('feat: report table')
    await bundlers['Vite 8'](app)
    const { code } = await cli(app, 'report', '--base', 'main', '--fail-on-regression')
    expect(code).toBe(1)
    const dir = join(app.root, 'test-artifacts/build-metrics')
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8')
    const sections = [
      '## 🔴',
      '### What changed',
      '#### assets/reports.js (src/routes/reports.js)',
      '### Sizes and counts',
      '### Timings',
    ]
    const at = sections.map((s) => markdown.indexOf(s))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((x, y) => x - y)).toEqual(at)
    expect(markdown).toMatch(/\| src\/routes\/report-table\.js \(new\) \| — \| \d/)
    expect(markdown).toMatch(/Packages: chart-lib \+\d\.\d\d kB \(added, 2\.1\.0\)/)
    expect(markdown).toContain(
      'src/routes/report-table.js is imported by index.html → src/main.js → src/routes/reports.js',
    )
    expect(readFileSync(join(dir, 'pr-comment.md'), 'utf8')).toBe(
      `<!-- shipwatch:build-report -->\n${markdown}`,
    )

    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const requests: string[] = []
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url())
      })
      await page.goto(pathToFileURL(join(dir, 'report.html')).href)
      const changed = page.locator('h2', { hasText: 'What changed' })
      await expect(changed.isVisible()).resolves.toBe(true)
      const heading = page.locator('h3.output', { hasText: 'assets/reports.js' })
      await expect(heading.textContent()).resolves.toMatch(/\(src\/routes\/reports\.js\): \+\d/)
      await expect(page.getByText('src/routes/report-table.js (new)').isVisible()).resolves.toBe(true)
      await expect(page.getByText(/chart-lib \+.* \(added, 2\.1\.0\)/).isVisible()).resolves.toBe(true)
      // A click on a chart position opens that build's row.
      await page.locator('svg a').last().click()
      expect(new URL(page.url()).hash).toMatch(/^#b\d+$/)
      expect(requests).toEqual([])
    } finally {
      await browser.close()
    }
  })
})

describe('an over-budget message', () => {
  it('names the modules and packages that grew against the baseline, not the largest one', async () => {
    const app = createRoutesApp()
    const budgets = [{ target: { glob: 'assets/reports-*.js' }, maxError: '+5%' }]
    const viteBuild = () =>
      build({
        root: app.root,
        configFile: false,
        logLevel: 'silent',
        plugins: [bundleBudget({ budgets }), buildMetrics({ quiet: true })],
      })
    await viteBuild()
    app.git('checkout', '-qb', 'feature/reports')
    app.addPackage('.', 'chart-lib', '2.1.0', { 'index.js': bulkyModule('chart', 3000) })
    app.write(
      'src/routes/reports.js',
      "import { chart } from 'chart-lib'\n\nexport function showReports() {\n  document.body.append(chart.join())\n}\n",
    )
    app.commit('feat: charts')
    await expect(viteBuild()).rejects.toThrow(/budget exceeded/)
    const record = new HistoryStore({ root: app.root }).lastAppended() as BuildRecord
    const failed = record.budgets!.find((b) => b.status === 'fail')!
    expect(failed.details).toEqual([
      expect.stringMatching(/^assets\/reports-[\w-]+\.js: \+\d+ B gzip vs baseline$/),
      expect.stringMatching(
        /^modules that grew \(rendered\): chart-lib@2\.1\.0\/index\.js \+3\.\d\d kB \(new\)/,
      ),
      expect.stringMatching(/^packages that grew \(rendered\): chart-lib \+3\.\d\d kB \(added, 2\.1\.0\)$/),
    ])
  })
})
