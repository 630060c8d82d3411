import {
  type BuildRecord,
  buildTrendReport,
  databaseTrendReport,
  PostgresHistory,
  parseRecord,
  resolveBuildRef,
  resolveDatabaseBuildRef,
  rowReader,
  type ShipwatchRecord,
  type TrendReport,
} from '@shipwatch/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../../test-support/postgres-cluster.js'
import { sampleBuildRecord, sampleDeployRecord } from '../../../test-support/records.js'

// A real PostgreSQL on 127.0.0.1 (.ci/run installs it). The same records in a list and in the database: the SQL
// baseline, window (percentile_cont), chart projection and deploys must give the report the list gives.
let cluster: Cluster
let history: PostgresHistory
beforeAll(async () => {
  cluster = await startCluster()
  history = await PostgresHistory.open(cluster.url)
  await history.migrate()
}, 60_000)
afterAll(async () => {
  await history?.close()
  cluster?.stop()
})

/** A deterministic pseudo-random stream, so a failure can be replayed. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const sha = (i: number) => i.toString(16).padEnd(40, '0')

/** One repository's history: main and feature branches, failures, noisy timings, growing outputs, deploys. */
function repositoryHistory(
  project: string,
  repository: string,
  count: number,
  seed: number,
): ShipwatchRecord[] {
  const next = random(seed)
  const start = Date.parse('2026-09-01T00:00:00Z')
  const sample = sampleBuildRecord()
  const records: ShipwatchRecord[] = []
  for (let i = 0; i < count; i++) {
    const branch = i % 3 === 2 ? `feature-${i % 4}` : 'main'
    const noisy = (base: number) => Math.round(base * (0.9 + next() * 0.2) * 1000) / 1000
    const build = sampleBuildRecord({
      project,
      createdAt: new Date(start + i * 3_600_000).toISOString(),
      git: { ...sample.git, sha: sha(seed * 1000 + i), branch, subject: `change ${i}` },
      ci: { ...sample.ci, repository },
      durationMs: noisy(2000),
      phases: [
        { name: 'config', durationMs: noisy(100) },
        { name: 'modules', durationMs: noisy(1200) },
        { name: 'render', durationMs: noisy(500) },
      ],
      plugins: ['vite:css', 'vite:esbuild', 'shipwatch:bundle-budget'].map((name, index) => ({
        name,
        index,
        hooks: Object.fromEntries(
          ['transform', 'renderChunk', index === 0 ? 'load' : 'buildStart'].map((hook) => [
            hook,
            {
              calls: 3 + index,
              totalMs: noisy(40 + index * 30),
              busyMs: noisy(30 + index * 20),
              overlapMs: 0,
            },
          ]),
        ),
      })),
      outputs: [
        { ...sample.outputs[0]!, size: 50_000 + i * 97, gzip: 17_000 + i * 31 },
        {
          ...sample.outputs[0]!,
          fileName: 'assets/style.css',
          kind: 'css',
          type: 'asset',
          name: 'style',
          size: 8_000 + (i % 5) * 40,
          gzip: 2_000,
          isEntry: false,
          modules: [],
          facade: undefined,
        },
      ],
      pages: [
        {
          html: 'index.html',
          initial: { files: ['assets/index-abc123.js'], size: 50_000 + i * 97, gzip: 17_000 + i * 31 },
        },
      ],
      outcome:
        i % 7 === 5
          ? { result: 'failed', reasons: [{ kind: 'bundler', message: 'syntax error' }] }
          : { result: 'succeeded', reasons: [] },
      status: i % 7 === 5 ? 'critical' : 'good',
    })
    records.push(build)
    if (i % 9 === 4)
      records.push(
        sampleDeployRecord({ project, createdAt: build.createdAt, ci: { ...sample.ci, repository } }),
      )
  }
  return records
}

/** Medians and MADs: PostgreSQL interpolates as a + (b − a)/2, JavaScript as (a + b)/2; the last bit may differ. */
function rounded(report: TrendReport) {
  return JSON.parse(
    JSON.stringify(report, (_key, value) =>
      typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value,
    ),
  )
}

describe('a trend report from the history database', () => {
  const web = repositoryHistory('web', 'acme/web', 70, 1)
  beforeAll(async () => {
    // Around it, in the same table: the same project name in another repository, another project, and a watch
    // rebuild.
    await history.append([
      ...web,
      ...repositoryHistory('web', 'acme/other', 30, 2),
      ...repositoryHistory('api', 'acme/web', 30, 3),
      sampleBuildRecord({
        project: 'web',
        watchRebuild: true,
        createdAt: '2026-12-01T00:00:00Z',
        ci: { ...sampleBuildRecord().ci, repository: 'acme/web' },
      }),
    ])
    // Some builds as an older client stored them, without a chart point: read whole, the same answer.
    await history.connection
      .sql`update shipwatch_records set point = null where project = 'web' and sha like '4%'`
  })

  const cases: [string, Parameters<typeof buildTrendReport>[1]][] = [
    ['the previous build, charts thinned to 16 points', { maxPoints: 16 }],
    ['the merge-base build, a window of 5', { baseSha: sha(1000 + 30).slice(0, 9), windowSize: 5 }],
    ['the default branch', { defaultBranch: 'feature-1', maxPoints: 400 }],
  ]
  it.each(cases)('equals the list’s: %s', async (_name, options) => {
    const warnings: string[] = []
    const fromDatabase = await databaseTrendReport(
      history,
      { project: 'web', repository: 'acme/web' },
      options,
      (reason) => warnings.push(reason),
    )
    const fromList = buildTrendReport(web, options)
    expect(fromDatabase.baseline?.record.id).toBe(fromList.baseline?.record.id)
    expect(fromDatabase.baseline?.runs).toBeGreaterThanOrEqual(5)
    expect(fromDatabase.comparisons.filter((c) => c.unit === 'ms').length).toBeGreaterThan(5)
    expect(rounded(fromDatabase)).toEqual(rounded(fromList))
    expect(warnings).toEqual([])
  })

  it('the baseline reasons are the rule’s: merge-base, default branch, previous build', async () => {
    const reasons = await Promise.all(
      cases.map(
        async ([, options]) =>
          (await databaseTrendReport(history, { project: 'web' }, options)).baseline?.reason,
      ),
    )
    expect(reasons).toEqual(['previous build', 'merge-base', 'default branch'])
  })

  it('diff references resolve in the database as in the list', async () => {
    const builds = web.filter((r): r is BuildRecord => r.kind === 'build')
    const filter = { project: 'web', repository: 'acme/web' }
    for (const ref of ['latest', 'baseline', 'feature-1', sha(1000 + 12).slice(0, 8), builds[3]!.id]) {
      const fromDatabase = await resolveDatabaseBuildRef(
        history,
        filter,
        ref,
        rowReader(parseRecord, () => {}),
      )
      // The database also holds a later watch rebuild of this project: `latest` names it, as a list would.
      const expected = resolveBuildRef(
        [...builds, ...((await history.select({ ...filter, kind: 'build', limit: 1 })) as BuildRecord[])],
        ref,
      )
      expect(fromDatabase?.id, ref).toBe(expected?.id)
    }
  })

  it('refuses rows a hostile writer stored, and reports from the valid ones', async () => {
    const start = Date.parse('2026-10-01T00:00:00Z')
    const valid = Array.from({ length: 7 }, (_, i) =>
      sampleBuildRecord({
        project: 'hostile',
        createdAt: new Date(start + i * 60_000).toISOString(),
        durationMs: 1000 + i,
      }),
    )
    // Timings that are not numbers, arrays that are not arrays: one inside the window, one as the newest build.
    const hostile = (minute: number) =>
      ({
        ...sampleBuildRecord({
          project: 'hostile',
          createdAt: new Date(start + minute * 60_000).toISOString(),
        }),
        durationMs: 'slow',
        phases: 'x',
        plugins: 7,
        outputs: { size: 1 },
      }) as unknown as ShipwatchRecord
    await history.append([...valid, hostile(3.5), hostile(60)])
    const warnings: string[] = []
    const report = await databaseTrendReport(history, { project: 'hostile' }, {}, (w) => warnings.push(w))
    const fromList = buildTrendReport(valid)
    expect(report.current?.id).toBe(valid[6]!.id)
    expect(report.baseline).toMatchObject({ record: { id: valid[5]!.id }, runs: 6 })
    expect(rounded(report).comparisons).toEqual(rounded(fromList).comparisons)
    expect(report.history.map((p) => p.id)).toEqual(valid.map((r) => r.id))
    // Both rows, met as the newest build, as a candidate and as chart points: refused by the schema, each said once.
    expect(warnings, warnings.join('\n')).toHaveLength(2)
    expect(warnings.join('\n')).toMatch(/invalid record at durationMs/)
  })
})
