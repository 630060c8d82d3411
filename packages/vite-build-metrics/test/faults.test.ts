import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type BuildRecord, CompressionPool, findBaseline, HistoryStore } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

const MARK = 1_000_000

async function viteBuild(root: string, options: Parameters<typeof buildMetrics>[0] = {}) {
  const log = captureLogger()
  await build({
    root,
    configFile: false,
    customLogger: log.logger as never,
    plugins: [buildMetrics(options)],
  })
  return log
}

describe('a metrics fault never fails the build', () => {
  it('an unwritable history folder becomes one warning', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    // A file where the history folder should be: mkdir fails whatever the user's privileges.
    writeFileSync(join(root, 'blocked'), 'not a folder')
    const log = await viteBuild(root, { historyDir: 'blocked/history' })
    expect(existsSync(join(root, 'dist/index.html'))).toBe(true)
    const recordWarnings = log.warn.filter((w) => w.includes('could not write the build record'))
    expect(recordWarnings).toHaveLength(1)
    expect(recordWarnings[0]).toMatch(/historyDir/)
    expect(log.info.some((l) => l.includes('good'))).toBe(true)
  })

  it('an unreadable history becomes one warning, and the summary goes without a comparison', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    // A folder where the history file should be: it opens, and every read fails (EISDIR).
    mkdirSync(join(root, 'test-artifacts/build-metrics/history.jsonl'), { recursive: true })
    const log = await viteBuild(root)
    expect(existsSync(join(root, 'dist/index.html'))).toBe(true)
    const readWarnings = log.warn.filter((w) => w.includes('could not read the build history'))
    expect(readWarnings).toHaveLength(1)
    expect(readWarnings[0]).toMatch(/EISDIR/)
    expect(log.info.some((l) => l.includes('good'))).toBe(true)
  })

  it('no git repository becomes one warning and a record with null git facts', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    const log = await viteBuild(root)
    expect(log.warn.filter((w) => w.includes('not a git repository'))).toHaveLength(1)
    const record = new HistoryStore({ root }).latest()!
    expect(record.git.sha).toBeNull()
  })

  it('a crashed compression worker becomes one warning and sizes are still exact', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    // Past 4 MiB of output, sizes go to the worker pool: a big public file gets us there.
    writeFileSync(join(root, 'public/big.txt'), 'shipwatch '.repeat(500_000))
    const original = CompressionPool.prototype.compress
    CompressionPool.prototype.compress = () => Promise.reject(new Error('worker crashed'))
    try {
      const log = await viteBuild(root)
      expect(log.warn.filter((w) => w.includes('worker crashed'))).toHaveLength(1)
      const record = new HistoryStore({ root }).latest()
      expect(record?.kind === 'build' && record.outputs.every((o) => typeof o.gzip === 'number')).toBe(true)
    } finally {
      CompressionPool.prototype.compress = original
    }
  })

  it('a read-only history file becomes one warning', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes; the folder-is-a-file case above covers the failure path for root.
      const root = copyFixture('two-pages', { modules: 1 })
      writeFileSync(join(root, 'test-artifacts'), '')
      const log = await viteBuild(root)
      expect(log.warn.filter((w) => w.includes('could not write the build record'))).toHaveLength(1)
      return
    }
    const root = copyFixture('two-pages', { modules: 1 })
    await viteBuild(root)
    chmodSync(join(root, 'test-artifacts/build-metrics/history.jsonl'), 0o444)
    const log = await viteBuild(root)
    expect(log.warn.filter((w) => w.includes('could not write the build record'))).toHaveLength(1)
  })
})

describe('records and summary', () => {
  it('emits build-info.json with the commit and a hash of every other file', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root })
    execFileSync('git', ['add', '.'], { cwd: root })
    execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@x', 'commit', '-qm', 'init'], { cwd: root })
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    await viteBuild(root, { buildInfo: true })
    const info = JSON.parse(execFileSync('cat', [join(root, 'dist/build-info.json')], { encoding: 'utf8' }))
    const record = new HistoryStore({ root }).latest()!
    expect(info.commitSha).toBe(sha)
    expect(info.recordId).toBe(record.id)
    expect(record.git.sha).toBe(sha)
    const { createHash } = await import('node:crypto')
    const { readFileSync } = await import('node:fs')
    for (const file of info.files as { fileName: string; sha256: string }[]) {
      const digest = createHash('sha256')
        .update(readFileSync(join(root, 'dist', file.fileName)))
        .digest('base64url')
      expect(digest, file.fileName).toBe(file.sha256)
    }
    expect(info.files.map((f: { fileName: string }) => f.fileName)).toContain('robots.txt')
  })

  it('reads git afresh for each build of one plugin instance (a script building twice, a commit between)', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@x', ...args], {
        cwd: root,
        encoding: 'utf8',
      })
    git('init', '-q', '-b', 'main')
    git('add', '.')
    git('commit', '-qm', 'first')
    const plugin = buildMetrics({ quiet: true })
    const once = () => build({ root, configFile: false, logLevel: 'silent', plugins: [plugin] })
    await once()
    git('commit', '-q', '--allow-empty', '-m', 'second')
    await once()
    const shas = new HistoryStore({ root }).list().map((r) => r.git.sha)
    expect(shas).toEqual([git('rev-parse', 'HEAD~1').trim(), git('rev-parse', 'HEAD').trim()])
  })

  it('prefers VERCEL_GIT_COMMIT_SHA for build-info', async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    process.env.VERCEL_GIT_COMMIT_SHA = 'f'.repeat(40)
    try {
      await viteBuild(root, { buildInfo: { fileName: 'meta/build.json' } })
    } finally {
      delete process.env.VERCEL_GIT_COMMIT_SHA
    }
    const info = JSON.parse(execFileSync('cat', [join(root, 'dist/meta/build.json')], { encoding: 'utf8' }))
    expect(info.commitSha).toBe('f'.repeat(40))
  })

  it('compares with its baseline in the summary, naming it and why', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    const first = await viteBuild(root)
    expect(first.info.some((l) => l.includes(' vs '))).toBe(false)
    writeFileSync(
      join(root, 'src/lazy.ts'),
      `export function lazyRoute(): void {\n  document.body.append('${'x'.repeat(5000)}')\n}\n`,
    )
    const second = await viteBuild(root)
    const line = second.info.find((l) => l.includes(' vs '))
    expect(line).toMatch(/vs .+@.+ \(previous build\): .*size \+[45]\.\d\d kB/)
    expect(new HistoryStore({ root }).list()).toHaveLength(2)
  })

  it('takes an unchanged file’s gzip size from the cache next to the history, and compresses a changed file', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    await viteBuild(root)
    const dist = join(root, 'dist')
    const firstBuild = new Set(
      readdirSync(dist, { recursive: true, encoding: 'utf8' })
        .filter((file) => statSync(join(dist, file)).isFile())
        .map((file) => readFileSync(join(dist, file)).toString('base64')),
    )
    // Every cached size is marked: a size the next build reports can only have come from the cache.
    const cacheFile = join(root, 'test-artifacts/build-metrics/size-cache.json')
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, number>
    expect(Object.keys(cache).length).toBeGreaterThan(3)
    writeFileSync(
      cacheFile,
      JSON.stringify(Object.fromEntries(Object.entries(cache).map(([k, v]) => [k, v + MARK]))),
    )
    writeFileSync(
      join(root, 'src/lazy.ts'),
      `export function lazyRoute(): void {\n  document.title = 'changed'\n}\n`,
    )
    await viteBuild(root)

    const record = new HistoryStore({ root }).latest() as BuildRecord
    const outputs = record.outputs.map((o) => {
      const bytes = readFileSync(join(dist, o.fileName))
      return { ...o, bytes, exact: gzipSync(bytes, { level: 9 }).length }
    })
    const unchanged = outputs.filter((o) => firstBuild.has(o.bytes.toString('base64')))
    const changed = outputs.filter((o) => !firstBuild.has(o.bytes.toString('base64')))
    expect(unchanged.length).toBeGreaterThan(0)
    expect(changed.map((o) => o.fileName)).toContainEqual(expect.stringMatching(/^assets\/lazy-.*\.js$/))
    for (const o of unchanged) expect(o.gzip, o.fileName).toBe(o.exact + MARK)
    for (const o of changed) expect(o.gzip, o.fileName).toBe(o.exact)
    for (const o of outputs) expect(o.size, o.fileName).toBe(o.bytes.length)
  })

  it('quiet prints nothing but warnings; record: false writes nothing', async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    const log = await viteBuild(root, { quiet: true, record: false })
    expect(log.info.filter((l) => l.includes('[build-metrics]'))).toEqual([])
    expect(existsSync(join(root, 'test-artifacts'))).toBe(false)
  })

  it('adds no resolveId, load or transform of its own', () => {
    const plugin = buildMetrics() as unknown as Record<string, unknown>
    expect(plugin.resolveId).toBeUndefined()
    expect(plugin.load).toBeUndefined()
    expect(plugin.transform).toBeUndefined()
  })
})

describe('options', () => {
  // Each as a vite.config.js would pass it (no TypeScript to catch it): the message names the option and the fix.
  it.each([
    [{ failOnWarning: 'no' }, 'unknown option failOnWarning; known: historyDir, historyUrl, otel, project,'],
    [
      { otel: 'yes' },
      'otel must be true, false or { endpoint: "https://collector.example/v1/traces" }, got "yes"',
    ],
    // The URL's password never shows in the message.
    [
      { historyUrl: 'mysql://ci:hunter2pass@db.example/builds' },
      'historyUrl must be a postgres:// URL, e.g. "postgres://db.example:5432/builds", got "[redacted]"',
    ],
    [{ quiet: 'no' }, 'quiet must be true or false (quiet: true), got "no"'],
    [{ record: 'false' }, 'record must be true or false (record: true), got "false"'],
    [{ historyDir: 5 }, 'historyDir must be a folder path, e.g. "test-artifacts/build-metrics", got 5'],
    [{ historyDir: '' }, 'historyDir must be a folder path, e.g. "test-artifacts/build-metrics", got ""'],
    [{ histroyDir: 'x' }, 'unknown option histroyDir (did you mean historyDir?)'],
    [{ budget: [] }, 'unknown option budget'],
    [{ outdir: 'dist' }, 'unknown option outdir'],
    [{ thresholds: 5 }, 'thresholds must be an object, got 5'],
    [
      { thresholds: { production: { good: -1 } } },
      'thresholds.production.good must be at least 1 ms, got -1',
    ],
    [{ html: true }, 'html must be an object, got true'],
    [{ html: { valdiate: 'error' } }, 'unknown option html.valdiate (did you mean html.validate?)'],
    [{ gzip: 'yes' }, 'gzip must be true, false or { level: 1–9 }, got "yes"'],
    [{ gzip: { level: 42 } }, 'gzip.level must be an integer from 1 to 9, got 42'],
    [
      { thresholds: { development: { good: 5000, warning: 100 } } },
      'thresholds.development.warning (100) must be at least thresholds.development.good (5000)',
    ],
  ])('%j', (options, message) => {
    expect(() => buildMetrics(options as never)).toThrow(`buildMetrics(options): ${message}`)
  })
})

describe('failed builds', () => {
  it('are recorded as failed with the bundler’s reason, say so in the summary, and never become a baseline', async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    const good = await viteBuild(root)
    expect(good.info.join('\n')).toMatch(/✓ good/)
    const failing = {
      name: 'test:fails-in-render',
      generateBundle() {
        throw new Error('render failed on purpose')
      },
    }
    const log = captureLogger()
    const error = await build({
      root,
      configFile: false,
      customLogger: log.logger as never,
      plugins: [failing, buildMetrics()],
    }).catch((e: Error) => e)
    expect(String(error)).toMatch(/render failed on purpose/)
    const records = new HistoryStore({ root }).list({ kind: 'build' }) as BuildRecord[]
    expect(records.map((r) => r.outcome.result)).toEqual(['succeeded', 'failed'])
    expect(records[1]!.outcome.reasons).toEqual([
      { kind: 'bundler', message: expect.stringMatching(/render failed on purpose/) },
    ])
    expect(log.info.join('\n')).toMatch(/✗ failed .*\n.*bundler: .*render failed on purpose/)
    // The next good build is compared with the last good one, not with the failure.
    const next = await viteBuild(root)
    const line = next.info.find((l) => l.includes(' vs '))
    expect(line).toMatch(/size \+0 B/)
    const latest = new HistoryStore({ root }).latest({ kind: 'build' }) as BuildRecord
    expect(findBaseline(new HistoryStore({ root }), latest)?.record.id).toBe(records[0]!.id)
  })
})
