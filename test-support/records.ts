import { randomUUID } from 'node:crypto'
import type { BuildRecord, DeployRecord } from '@shipwatch/core'

/** A valid build record for tests; override any field. */
export function sampleBuildRecord(overrides: Partial<BuildRecord> = {}): BuildRecord {
  return {
    schemaVersion: 3,
    kind: 'build',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    project: 'sample-app',
    git: {
      sha: 'a'.repeat(40),
      branch: 'main',
      dirty: false,
      subject: 'feat: sample',
      author: 'Ada',
      committedAt: '2026-11-01T10:00:00Z',
      baseSha: null,
    },
    ci: {
      isCi: false,
      provider: null,
      buildId: null,
      buildUrl: null,
      branch: null,
      pr: null,
      baseBranch: null,
      baseSha: null,
    },
    machine: { os: 'Linux 6.1', arch: 'x64', cpuModel: 'test cpu', cores: 2, memory: 1024, node: 'v20.20.2' },
    tool: { name: '@shipwatch/vite-build-metrics', version: '0.1.0' },
    bundler: { name: 'vite', version: '8.3.8' },
    mode: 'production',
    environment: 'client',
    target: 'app',
    watchRebuild: false,
    cache: null,
    durationMs: 1234,
    phases: [
      { name: 'config', durationMs: 100 },
      { name: 'modules', durationMs: 800 },
      { name: 'render', durationMs: 300 },
      { name: 'other', durationMs: 34 },
    ],
    plugins: [
      {
        name: 'vite:css',
        index: 3,
        hooks: { transform: { calls: 10, totalMs: 42, busyMs: 42, overlapMs: 0 } },
      },
    ],
    bundlerInternalMs: 700,
    modules: { total: 12, source: 8, nodeModules: 4, byExtension: { '.ts': 8, '.js': 4 } },
    compression: { gzip: { level: 9 }, brotli: null },
    outputs: [
      {
        fileName: 'assets/index-abc123.js',
        type: 'chunk',
        kind: 'js',
        name: 'index',
        size: 52_000,
        gzip: 18_000,
        isEntry: true,
        isDynamicEntry: false,
        imports: [],
        dynamicImports: [],
        modules: [{ id: 'src/main.ts', size: 1200 }],
        packages: {},
        facade: 'index.html',
      },
    ],
    pages: [
      { html: 'index.html', initial: { files: ['assets/index-abc123.js'], size: 52_000, gzip: 18_000 } },
    ],
    outcome: { result: 'succeeded', reasons: [] },
    status: 'good',
    ...overrides,
  }
}

export function sampleDeployRecord(overrides: Partial<DeployRecord> = {}): DeployRecord {
  const build = sampleBuildRecord()
  return {
    schemaVersion: 3,
    kind: 'deploy',
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    project: build.project,
    git: build.git,
    ci: build.ci,
    machine: build.machine,
    url: 'http://127.0.0.1:4173',
    environment: 'preview',
    deployment: { provider: 'local', id: null, url: null },
    expectedSha: build.git.sha,
    servedSha: build.git.sha,
    checks: [
      {
        id: 'health',
        title: 'Health',
        status: 'pass',
        attempts: 1,
        durationMs: 12,
        message: 'ok',
        details: [],
        metrics: { ttfbMs: 3 },
      },
    ],
    status: 'pass',
    ...overrides,
  }
}

/**
 * The build record of a mid-size app (20 outputs, 15 plugins), the `i`-th of a history, for the history and report
 * benchmarks and the scale tests.
 */
export function appSizedBuildRecord(i: number, time: number): BuildRecord {
  const sample = sampleBuildRecord()
  const { facade: _, ...chunk } = sample.outputs[0]!
  const outputs = Array.from({ length: 20 }, (_, o) => ({
    ...chunk,
    fileName: `assets/chunk-${o}-${String(i).padStart(6, '0')}.js`,
    kind: o % 5 === 0 ? ('css' as const) : ('js' as const),
    name: `chunk-${o}`,
    size: 10_000 + ((i * 7 + o * 13) % 5000),
    gzip: 3_000 + ((i + o) % 900),
    isEntry: o === 0,
    isDynamicEntry: o > 15,
    imports: o === 0 ? ['assets/chunk-1.js'] : [],
    modules: [{ id: `src/module-${o}.ts`, size: 4000 }],
    packages: { [`dep-${o}@1.0.0`]: 2000 },
  }))
  const plugins = Array.from({ length: 15 }, (_, p) => ({
    name: `plugin-${p}`,
    index: p,
    hooks: { transform: { calls: 300, totalMs: 20 + (i % 7), busyMs: 20, overlapMs: 0 } },
  }))
  return sampleBuildRecord({
    id: String(i),
    createdAt: new Date(time).toISOString(),
    project: 'bench-app',
    git: { ...sample.git, subject: `commit ${i}`, committedAt: null },
    durationMs: 3000 + (i % 100),
    plugins,
    modules: { total: 3000, source: 2000, nodeModules: 1000, byExtension: { '.ts': 2000, '.js': 1000 } },
    outputs,
    pages: [{ html: 'index.html', initial: { files: ['assets/chunk-0.js'], size: 50_000, gzip: 15_000 } }],
  })
}
