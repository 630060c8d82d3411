import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import bundleBudget from '@shipwatch/bundle-budget/vite'
import { MIGRATIONS, PostgresHistory, type ShipwatchRecord } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'
import { type Cluster, startCluster } from '../../../test-support/postgres-cluster.js'
import { sampleBuildRecord, sampleDeployRecord } from '../../../test-support/records.js'
import { run } from '../src/cli/run.js'

// A real PostgreSQL on 127.0.0.1, started for these tests (.ci/run installs it).
let cluster: Cluster
const work = mkdtempSync(join(tmpdir(), 'shipwatch-history-db-'))
beforeAll(async () => {
  cluster = await startCluster()
}, 60_000)
afterAll(() => {
  cluster?.stop()
  rmSync(work, { recursive: true, force: true })
  removeFixtures()
})

async function cli(argv: string[], cwd = work, env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv,
    cwd,
    env: { SHIPWATCH_HISTORY_URL: cluster.url, ...env },
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  })
  return { code, stdout, stderr }
}

async function rows(): Promise<{ total: number; distinct: number }> {
  const history = await PostgresHistory.open(cluster.url)
  try {
    const records = (await history.select()) as ShipwatchRecord[]
    return { total: records.length, distinct: new Set(records.map((r) => r.id)).size }
  } finally {
    await history.close()
  }
}

describe('a PostgreSQL history', () => {
  it('db status names pending migrations; db migrate applies them once', async () => {
    const before = await cli(['db', 'status'])
    expect(before).toMatchObject({
      code: 1,
      stdout: 'pending migrations: 1 records, 2 series columns — run build-metrics db migrate\n',
    })
    expect(await cli(['db', 'migrate'])).toMatchObject({
      code: 0,
      stdout: 'applied migration(s) 1, 2; schema version 2\n',
    })
    expect((await cli(['db', 'migrate'])).stdout).toBe('schema version 2: nothing to apply\n')
    expect(await cli(['db', 'status'])).toMatchObject({
      code: 0,
      stdout: 'schema version 2, up to date; 0 record(s)\n',
    })
  })

  it('migrates a database of the previous version, rows and all, and reports from it', async () => {
    // A database as the previous release left it: migration 1 applied, a record stored with its columns.
    const admin = await PostgresHistory.open(cluster.url)
    await admin.connection.sql`create database previous_version`
    await admin.close()
    const url = cluster.url.replace(/\/postgres$/, '/previous_version')
    const old = await PostgresHistory.open(url)
    const { sql } = old.connection
    const [first] = MIGRATIONS
    await sql.unsafe(`create table shipwatch_migrations (
        version integer primary key, name text not null, applied_at timestamptz not null default now());
      ${first!.sql}`)
    await sql`insert into shipwatch_migrations (version, name) values (1, ${first!.name})`
    const start = Date.parse('2026-10-01T10:00:00Z')
    const records = Array.from({ length: 3 }, (_, i) =>
      sampleBuildRecord({ project: 'previous', createdAt: new Date(start + i * 60_000).toISOString() }),
    )
    // As the previous release inserted them: the columns of version 1.
    for (const r of records)
      await sql`insert into shipwatch_records ${sql({
        id: r.id,
        kind: 'build',
        project: r.project,
        repository: null,
        branch: r.git.branch,
        sha: r.git.sha,
        outcome: 'succeeded',
        build_kind: 'cold',
        created_at: r.createdAt,
        schema_version: r.schemaVersion,
        record: sql.json(r as never),
      })}`
    await old.close()
    const env = { SHIPWATCH_HISTORY_URL: url }
    expect((await cli(['db', 'status'], work, env)).stdout).toBe(
      'pending migrations: 2 series columns — run build-metrics db migrate\n',
    )
    expect((await cli(['db', 'migrate'], work, env)).stdout).toBe(
      'applied migration(s) 2; schema version 2; chart points written for 3 record(s)\n',
    )
    const migrated = await PostgresHistory.open(url)
    const columns = await migrated.connection.sql`
      select bundler, target, mode, environment, point->>'id' as point from shipwatch_records order by created_at`
    await migrated.close()
    expect(columns.map((c: Record<string, unknown>) => ({ ...c }))).toEqual(
      records.map((r) => ({
        bundler: 'vite',
        target: 'app',
        mode: 'production',
        environment: 'client',
        point: r.id,
      })),
    )
    const dir = join(work, 'previous-version')
    mkdirSync(dir, { recursive: true })
    const report = await cli(['report', '--json', '--out', 'report'], dir, env)
    expect(report.code).toBe(0)
    expect(JSON.parse(report.stdout)).toMatchObject({
      current: { id: records[2]!.id },
      baseline: { id: records[1]!.id, reason: 'previous build', runs: 2 },
    })
  })

  it('20 processes × 50 records at once: 1,000 rows, none lost or duplicated', async () => {
    const script = join(work, 'send.mjs')
    const core = new URL('../../core/dist/build.js', import.meta.url).href
    writeFileSync(
      script,
      // One connection per runner, one insert per record, all runners at once.
      `import { readFileSync } from 'node:fs'
const { PostgresHistory } = await import(${JSON.stringify(core)})
const [url, file] = process.argv.slice(2)
const history = await PostgresHistory.open(url)
for (const record of JSON.parse(readFileSync(file, 'utf8'))) await history.append([record])
await history.close()
`,
    )
    const before = (await rows()).total
    const runners = Array.from({ length: 20 }, (_, i) => {
      const dir = join(work, `runner-${i}`)
      mkdirSync(dir, { recursive: true })
      const file = join(dir, 'records.json')
      const records = Array.from({ length: 50 }, () => sampleBuildRecord({ project: `app-${i % 5}` }))
      writeFileSync(file, JSON.stringify(records))
      return new Promise<number | null>((resolve) => {
        const child = execFile(process.execPath, [script, cluster.url, file], (error) =>
          resolve(error ? 1 : child.exitCode),
        )
      })
    })
    expect(await Promise.all(runners)).toEqual(Array(20).fill(0))
    const after = await rows()
    expect(after.total - before).toBe(1_000)
    expect(after.distinct).toBe(after.total)
  }, 120_000)

  it('import and export round-trip a file history, idempotent by record id', async () => {
    const dir = join(work, 'round-trip')
    mkdirSync(dir, { recursive: true })
    const records = [
      sampleBuildRecord({ project: 'round-trip' }),
      sampleDeployRecord({ project: 'round-trip' }),
      sampleBuildRecord({ project: 'round-trip' }),
    ]
    writeFileSync(
      join(dir, 'history.jsonl'),
      `${records.map((r) => JSON.stringify(r)).join('\n')}\nnot json\n`,
    )
    const first = await cli(['history', 'import', 'history.jsonl'], dir)
    expect(first.stdout).toBe(
      `imported ${join(dir, 'history.jsonl')}: 3 record(s) read, 3 new, 0 already stored, 1 line(s) skipped (not a valid record)\n`,
    )
    const again = await cli(['history', 'import', 'history.jsonl'], dir)
    expect(again.stdout).toMatch(/3 record\(s\) read, 0 new, 3 already stored/)
    const exported = await cli(['history', 'export', '--project', 'round-trip'], dir)
    expect(exported.code).toBe(0)
    const mine = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ShipwatchRecord)
    expect(mine.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort())
    for (const record of records) expect(mine.find((r) => r.id === record.id)).toEqual(record)
    // The whole database, read in pages of 500 (more than 1,000 rows by now), each row once, oldest first.
    const all = (await cli(['history', 'export', '--out', 'all.jsonl'], dir)).stderr
    const lines = readFileSync(join(dir, 'all.jsonl'), 'utf8').trim().split('\n')
    const { total } = await rows()
    expect(total).toBeGreaterThan(1_000)
    expect(all).toBe(`exported ${total} record(s) to ${join(dir, 'all.jsonl')}\n`)
    const ids = lines.map((l) => (JSON.parse(l) as ShipwatchRecord).id)
    expect(new Set(ids).size).toBe(total)
    const times = lines.map((l) => (JSON.parse(l) as ShipwatchRecord).createdAt)
    expect(times).toEqual([...times].sort())
  })

  it('report and diff read the database and equal the file history’s on the same records', async () => {
    const dir = join(work, 'same-records')
    mkdirSync(join(dir, 'test-artifacts/build-metrics'), { recursive: true })
    const start = Date.parse('2026-11-01T10:00:00Z')
    const records = Array.from({ length: 6 }, (_, i) =>
      sampleBuildRecord({
        project: 'same-records',
        createdAt: new Date(start + i * 3_600_000).toISOString(),
        durationMs: 1_000 + i * 10,
        git: { ...sampleBuildRecord().git, sha: `${i}`.repeat(40), branch: 'main' },
      }),
    )
    writeFileSync(
      join(dir, 'test-artifacts/build-metrics/history.jsonl'),
      `${records.map((r) => JSON.stringify(r)).join('\n')}\n`,
    )
    await cli(['history', 'import', 'test-artifacts/build-metrics/history.jsonl'], dir)
    const fromFile = await cli(['report', '--json', '--out', 'file-report'], dir, {
      SHIPWATCH_HISTORY_URL: '',
    })
    const fromDb = await cli(['report', '--json', '--out', 'db-report', '--project', 'same-records'], dir)
    expect(fromDb.code).toBe(0)
    const strip = (text: string) => ({ ...JSON.parse(text), generatedAt: null })
    expect(strip(fromDb.stdout)).toEqual(strip(fromFile.stdout))
    const diffDb = await cli(['diff', '0000000', 'latest', '--project', 'same-records'], dir)
    const diffFile = await cli(['diff', '0000000', 'latest'], dir, { SHIPWATCH_HISTORY_URL: '' })
    expect(diffDb.stdout).toBe(diffFile.stdout)
    expect(diffDb.stdout).toMatch(/^main@0000000 .* → main@5555555/)
  })

  it('a build sends its record; with the database down the build succeeds, the record waits, and sync sends it once', async () => {
    const root = copyFixture('two-pages', { modules: 2 })
    const viteBuild = async () => {
      const log = captureLogger()
      await build({
        root,
        configFile: false,
        customLogger: log.logger as never,
        plugins: [buildMetrics({ historyUrl: cluster.url, quiet: true })],
      })
      return log
    }
    const history = join(root, 'test-artifacts/build-metrics')
    const before = (await rows()).total
    await viteBuild()
    expect((await rows()).total).toBe(before + 1)

    cluster.pause()
    try {
      const down = await viteBuild()
      expect(existsSync(join(root, 'dist/index.html'))).toBe(true)
      const warnings = down.warn.filter((w) => w.includes('history database'))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/1 record\(s\) wait in unsent\.jsonl .* build-metrics history sync/)
      expect(readFileSync(join(history, 'unsent.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1)
      // The file history has it: nothing is lost while the database is away.
      expect(readFileSync(join(history, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2)
      const failedSync = await cli(['history', 'sync'], root)
      expect(failedSync.code).toBe(1)
      expect(failedSync.stderr).toMatch(/^build-metrics: 1 record\(s\) still wait in .*unsent\.jsonl: /)
    } finally {
      cluster.resume()
    }
    const sync = await cli(['history', 'sync'], root)
    expect(sync).toMatchObject({ code: 0, stdout: 'sent 1 waiting record(s): 1 new in the database\n' })
    expect(existsSync(join(history, 'unsent.jsonl'))).toBe(false)
    expect((await rows()).total).toBe(before + 2)
    const fileIds = readFileSync(join(history, 'history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id)
    const database = await PostgresHistory.open(cluster.url)
    const stored = ((await database.select()) as ShipwatchRecord[]).map((r) => r.id)
    await database.close()
    expect(stored.filter((id) => fileIds.includes(id))).toEqual(fileIds)
  }, 120_000)

  it('a fresh runner without a history folder takes its baseline from the database, for the summary and the budgets', async () => {
    await cli(['db', 'migrate'])
    const root = copyFixture('two-pages', { modules: 2 })
    const viteBuild = async () => {
      const log = captureLogger()
      await build({
        root,
        configFile: false,
        customLogger: log.logger as never,
        logLevel: 'info',
        plugins: [
          buildMetrics({ historyUrl: cluster.url }),
          bundleBudget({ budgets: [{ target: 'js', maxError: '+10%' }] }),
        ],
      })
      return log
    }
    await viteBuild()
    const first = JSON.parse(readFileSync(join(root, 'test-artifacts/build-metrics/latest.json'), 'utf8'))
    // Another runner: the same commit, no history folder (no cache, no artifact).
    rmSync(join(root, 'test-artifacts'), { recursive: true })
    const second = await viteBuild()
    const record = JSON.parse(readFileSync(join(root, 'test-artifacts/build-metrics/latest.json'), 'utf8'))
    expect(
      readFileSync(join(root, 'test-artifacts/build-metrics/history.jsonl'), 'utf8').trim().split('\n'),
    ).toHaveLength(1)
    const named = `${first.git.branch ?? '(no branch)'}@${first.git.sha?.slice(0, 7) ?? '(no commit)'} (previous build)`
    expect(second.info.join('\n')).toContain(`vs ${named}`)
    expect(second.info.join('\n')).toContain(`[bundle-budget] baseline: ${named}`)
    expect(record.budgets).toEqual([expect.objectContaining({ status: 'pass', limit: expect.any(Number) })])
  }, 120_000)

  it('build-metrics track sends the record it completes, with the command’s exit code', async () => {
    const dir = join(work, 'tracked')
    mkdirSync(dir, { recursive: true })
    const tracked = await cli(
      ['track', '--project', 'tracked', '--quiet', '--', process.execPath, '-e', 'process.exit(3)'],
      dir,
    )
    expect(tracked.code).toBe(3)
    const database = await PostgresHistory.open(cluster.url)
    const stored = (await database.select({ project: 'tracked' })) as ShipwatchRecord[]
    await database.close()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ kind: 'build', exitCode: 3, outcome: { result: 'failed' } })
  })

  it('never prints the password of the URL, even when the database refuses', async () => {
    const secret = 's3cret-Pa55word'
    const { code, stdout, stderr } = await cli(['db', 'status'], work, {
      SHIPWATCH_HISTORY_URL: `postgres://shipwatch:${secret}@127.0.0.1:1/nowhere`,
    })
    expect(code).toBe(1)
    expect(stderr).toMatch(/^build-metrics: reading the schema version failed: /)
    expect(stdout + stderr).not.toContain(secret)
  })
})
