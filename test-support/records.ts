import { randomUUID } from 'node:crypto'
import type { BuildRecord, DeployRecord } from '@shipwatch/core'

/** A valid build record for tests; override any field. */
export function sampleBuildRecord(overrides: Partial<BuildRecord> = {}): BuildRecord {
  return {
    schemaVersion: 1,
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
        topModules: [{ id: 'src/main.ts', size: 1200 }],
      },
    ],
    pages: [
      { html: 'index.html', initial: { files: ['assets/index-abc123.js'], size: 52_000, gzip: 18_000 } },
    ],
    status: 'good',
    ...overrides,
  }
}

export function sampleDeployRecord(overrides: Partial<DeployRecord> = {}): DeployRecord {
  const build = sampleBuildRecord()
  return {
    schemaVersion: 1,
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
