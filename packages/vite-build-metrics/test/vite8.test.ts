import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type BuildRecord, findBaseline, HistoryStore } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build, version } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, htmlReferences, readJson, removeFixtures } from '../../../test-support/fixture.js'
import { asyncCostPlugin, filteredPlugin, syncCostPlugin } from './helpers/timing-plugins.js'

afterAll(removeFixtures)

const GENERATED = 12

async function buildTwoPages() {
  const root = copyFixture('two-pages', { modules: GENERATED })
  const log = captureLogger()
  const filtered = filteredPlugin()
  await build({
    root,
    configFile: false,
    logLevel: 'info',
    customLogger: log.logger as never,
    build: { rollupOptions: { input: { index: join(root, 'index.html'), about: join(root, 'about.html') } } },
    plugins: [
      syncCostPlugin(4),
      asyncCostPlugin(20),
      syncCostPlugin(1, 'test:twin'),
      syncCostPlugin(1, 'test:twin'),
      filtered.plugin,
      buildMetrics(),
    ],
  })
  const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
  return { root, log, record, filtered }
}

describe(`Vite ${version} (Rolldown)`, () => {
  it('is really Vite 8', () => {
    expect(version.split('.')[0]).toBe('8')
  })

  it('records a build: phases add up, sizes equal the files on disk, gzip equals zlib level 9', async () => {
    const { root, record, log } = await buildTwoPages()
    expect(record.kind).toBe('build')
    expect(record.bundler.name).toBe('vite')
    expect(record.bundler.version).toBe(version)
    expect(record.environment).toBe('client')
    expect(record.mode).toBe('production')
    const phaseSum = record.phases.reduce((s, p) => s + p.durationMs, 0)
    expect(Math.abs(phaseSum - record.durationMs)).toBeLessThan(0.01)
    expect(record.phases.map((p) => p.name)).toEqual(['config', 'modules', 'render', 'write', 'other'])

    const onDisk = record.outputs.filter((o) => o.fileName !== 'build-info.json')
    expect(onDisk.length).toBeGreaterThan(5)
    for (const output of onDisk) {
      const bytes = readFileSync(join(root, 'dist', output.fileName))
      expect(output.size, output.fileName).toBe(statSync(join(root, 'dist', output.fileName)).size)
      expect(output.gzip, output.fileName).toBe(gzipSync(bytes, { level: 9 }).length)
    }
    expect(record.outputs.find((o) => o.fileName === 'robots.txt')?.kind).toBe('other')
    expect(record.modules.source).toBeGreaterThanOrEqual(GENERATED + 5)
    expect(record.modules.byExtension['.ts']).toBeGreaterThanOrEqual(GENERATED + 4)
    expect(log.info.some((l) => l.includes('costliest plugin hooks'))).toBe(true)
    expect(log.warn.filter((w) => !w.includes('git'))).toEqual([])
  })

  it('blames the right plugin and hook, with the right order of magnitude', async () => {
    const { record } = await buildTwoPages()
    const row = (name: string) => record.plugins.filter((p) => p.name === name)
    const sync = row('test:sync-cost')[0]!.hooks.transform!
    // 12 generated modules × 4 ms of busy-waiting = 48 ms.
    expect(sync.totalMs).toBeGreaterThanOrEqual(GENERATED * 4)
    expect(sync.totalMs).toBeLessThan(GENERATED * 4 * 3)
    expect(sync.overlapMs).toBe(0)
    const asyncRow = row('test:async-cost')[0]!.hooks.transform!
    // Each generated module awaits 20 ms; calls overlap, so busy time is far below the sum of calls.
    expect(asyncRow.totalMs).toBeGreaterThanOrEqual(GENERATED * 20 * 0.9)
    expect(asyncRow.busyMs).toBeGreaterThanOrEqual(20)
    expect(asyncRow.totalMs).toBeCloseTo(asyncRow.busyMs + asyncRow.overlapMs, 2)
    // The 4 ms plugin's cost does not leak into its neighbours: the two 1 ms plugins report about a quarter of it.
    for (const twin of row('test:twin')) {
      expect(twin.hooks.transform!.totalMs).toBeGreaterThanOrEqual(GENERATED * 1)
      expect(twin.hooks.transform!.totalMs).toBeLessThan(GENERATED * 4)
    }
  })

  it('reports two instances of one plugin as two rows', async () => {
    const { record } = await buildTwoPages()
    const twins = record.plugins.filter((p) => p.name === 'test:twin')
    expect(twins).toHaveLength(2)
    expect(twins[0]!.index).not.toBe(twins[1]!.index)
    expect(twins.every((t) => (t.hooks.transform?.calls ?? 0) > GENERATED)).toBe(true)
  })

  it('keeps a filtered hook filtered: calls equal the matching modules', async () => {
    const { record, filtered } = await buildTwoPages()
    const row = record.plugins.find((p) => p.name === 'test:filtered-css')!
    expect(filtered.seen.length).toBe(3)
    expect(row.hooks.transform!.calls).toBe(3)
  })

  it('computes each page’s initial set exactly as Vite wrote it into the HTML', async () => {
    const { root, record } = await buildTwoPages()
    expect(record.pages.map((p) => p.html).sort()).toEqual(['about.html', 'index.html'])
    for (const page of record.pages) {
      const html = readFileSync(join(root, 'dist', page.html), 'utf8')
      expect([...page.initial.files].sort(), page.html).toEqual(htmlReferences(html))
      const sum = page.initial.files.reduce((s, f) => s + statSync(join(root, 'dist', f)).size, 0)
      expect(page.initial.size).toBe(sum)
    }
    const lazy = record.outputs.find((o) => o.isDynamicEntry)
    expect(lazy).toBeDefined()
    expect(record.pages.some((p) => p.initial.files.includes(lazy!.fileName))).toBe(false)
  })
})

describe('a library in several formats', () => {
  it('records every file of every format in one record (Vite builds the formats in turn and closes once)', async () => {
    const root = copyFixture('library', { modules: 0 })
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: {
        lib: { entry: join(root, 'src/index.js'), name: 'mylib', fileName: 'mylib', formats: ['es', 'cjs'] },
      },
      plugins: [buildMetrics({ quiet: true })],
    })
    const history = readFileSync(join(root, 'test-artifacts/build-metrics/history.jsonl'), 'utf8')
      .trim()
      .split('\n')
    expect(history).toHaveLength(1)
    const record = JSON.parse(history[0]!) as BuildRecord
    const written = readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(join(root, 'dist'), join(entry.parentPath, entry.name)))
    expect(record.outputs.map((o) => o.fileName).sort()).toEqual(written.sort())
    expect(written.filter((f) => f.startsWith('mylib.'))).toEqual(
      expect.arrayContaining(['mylib.js', 'mylib.cjs']),
    )
  })
})

describe('an app and a library in one history', () => {
  it('never compare with each other: each is its own target', async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    const log = captureLogger()
    const options = { root, configFile: false as const, customLogger: log.logger as never }
    await build({ ...options, plugins: [buildMetrics()] })
    await build({
      ...options,
      build: { outDir: 'dist-lib', lib: { entry: join(root, 'src/shared.ts'), formats: ['es'] } },
      plugins: [buildMetrics()],
    })
    const store = new HistoryStore({ root })
    const [app, lib] = store.list({ kind: 'build' }) as BuildRecord[]
    expect([app!.target, lib!.target]).toEqual(['app', 'library'])
    expect(findBaseline(store, lib!)).toBeNull()
    expect(log.info.some((line) => line.includes(' vs '))).toBe(false)
  })
})
