import type { BuildRecord } from '@shipwatch/core'
import { sampleBuildRecord } from './records.js'

/**
 * A fixed history: 8 builds on main with a little timing noise, then a feature build that grows the main chunk by
 * 12 kB and makes one plugin hook much slower. Deterministic ids and times, so rendered reports can be snapshotted.
 */
export function fixedHistory(options: { subject?: string } = {}): BuildRecord[] {
  const noise = [0, 12, -8, 5, -3, 9, -11, 4]
  const builds = noise.map((n, i) => {
    const base = sampleBuildRecord()
    return sampleBuildRecord({
      id: `main-${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 1 + i, 12)).toISOString(),
      git: { ...base.git, sha: String(i).repeat(40), branch: 'main', subject: `chore: release ${i}` },
      durationMs: 1200 + n,
      phases: [
        { name: 'config', durationMs: 100 },
        { name: 'modules', durationMs: 800 + n },
        { name: 'render', durationMs: 300 },
      ],
      plugins: [
        {
          name: 'vite:css',
          index: 3,
          hooks: { transform: { calls: 10, totalMs: 40 + n / 4, busyMs: 40 + n / 4, overlapMs: 0 } },
        },
        {
          name: 'vite:esbuild',
          index: 5,
          hooks: { transform: { calls: 120, totalMs: 300 + n, busyMs: 300 + n, overlapMs: 0 } },
        },
      ],
    })
  })
  const base = builds.at(-1)!
  const feature = sampleBuildRecord({
    ...base,
    id: 'feature-1',
    createdAt: new Date(Date.UTC(2026, 10, 10, 12)).toISOString(),
    git: {
      ...base.git,
      sha: 'f'.repeat(40),
      branch: 'feat/charts',
      subject: options.subject ?? 'feat: charts',
      baseSha: '7'.repeat(40),
    },
    durationMs: 1300,
    phases: [
      { name: 'config', durationMs: 100 },
      { name: 'modules', durationMs: 900 },
      { name: 'render', durationMs: 300 },
    ],
    plugins: [
      {
        name: 'vite:css',
        index: 3,
        hooks: { transform: { calls: 10, totalMs: 41, busyMs: 41, overlapMs: 0 } },
      },
      {
        name: 'vite:esbuild',
        index: 5,
        hooks: { transform: { calls: 124, totalMs: 420, busyMs: 420, overlapMs: 0 } },
      },
    ],
    outputs: [{ ...base.outputs[0]!, size: 64_000, gzip: 22_000 }],
    pages: [
      { html: 'index.html', initial: { files: ['assets/index-abc123.js'], size: 64_000, gzip: 22_000 } },
    ],
    modules: { ...base.modules, total: 14 },
  })
  return [...builds, feature]
}
