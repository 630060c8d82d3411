// Cost of @shipwatch/vite-build-metrics on a generated 3,000-module app with real npm libraries, under Vite 8
// (Rolldown) and Vite 7 (Rollup). Every build runs in a fresh process; variants rotate so drift hits all alike.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { generateApp } from './lib/generate-app.mjs'
import { median, ms, printTable } from './lib/measure.mjs'

const percent = (x) => `${(x * 100).toFixed(1)} %`
function iqr(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]
  return at(0.75) - at(0.25)
}

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const VARIANTS = ['none', 'metrics', 'metrics-brotli', 'budget']
const child = fileURLToPath(new URL('./lib/vite-build-child.mjs', import.meta.url))

function buildOnce(vite, root, variant) {
  const out = execFileSync(process.execPath, [child, vite, root, variant], {
    encoding: 'utf8',
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return JSON.parse(out.trim().split('\n').pop())
}

export default async function buildOverheadBench() {
  const root = fileURLToPath(new URL('./.generated/app', import.meta.url))
  const modules = generateApp(root)
  const rows = [
    [
      'bundler',
      'variant',
      `wall, median of ${RUNS}`,
      'paired overhead',
      'noise (IQR)',
      'plugin self time',
      'self / build',
      'peak RSS',
      'RSS added',
    ],
  ]
  for (const vite of (process.env.BENCH_VITES ?? 'vite,vite7').split(',')) {
    const results = Object.fromEntries(VARIANTS.map((v) => [v, []]))
    for (const variant of VARIANTS) buildOnce(vite, root, variant) // warm the file cache
    for (let i = 0; i < RUNS; i++) {
      const order = VARIANTS.map((_, k) => VARIANTS[(i + k) % VARIANTS.length])
      for (const variant of order) results[variant].push(buildOnce(vite, root, variant))
    }
    const base = median(results.none.map((r) => r.ms))
    const baseRss = median(results.none.map((r) => r.maxRssKb))
    const label = vite === 'vite' ? 'Vite 8 (Rolldown)' : 'Vite 7 (Rollup)'
    for (const variant of VARIANTS) {
      const runs = results[variant]
      const t = median(runs.map((r) => r.ms))
      const rss = median(runs.map((r) => r.maxRssKb))
      // Main-thread time the plugin accounts for itself: import, its own hooks, and the wait after closeBundle.
      const self = median(runs.map((r) => r.importMs + r.hooksMs + r.afterCloseMs))
      const none = variant === 'none'
      rows.push([
        label,
        {
          none: 'no plugin',
          metrics: 'build-metrics (raw + gzip -9)',
          'metrics-brotli': '+ brotli q11',
          budget: 'bundle-budget (2 rules, gzip)',
        }[variant],
        ms(t),
        // Each iteration builds every variant back to back; the ratio within an iteration cancels the machine's slow
        // phases, which on a shared VM last longer than one build.
        none ? '—' : percent(median(runs.map((r, i) => r.ms / results.none[i].ms)) - 1),
        percent(iqr(runs.map((r) => r.ms)) / t),
        // Only build-metrics measures its own time (printed under DEBUG); for the others the paired figure stands.
        none || variant === 'budget' ? '—' : ms(self),
        none || variant === 'budget' ? '—' : percent(self / base),
        `${(rss / 1024).toFixed(0)} MB`,
        none ? '—' : `${((rss - baseRss) / 1024).toFixed(0)} MB`,
      ])
    }
  }
  printTable(
    `Build overhead: generated app, ${modules} source modules + lodash-es + zod, fresh process per build`,
    rows,
    'Bar: ≤ 3 % with raw + gzip sizes; brotli is opt-in and shown separately. "paired overhead" is the median, over\n' +
      'iterations, of (variant ÷ no-plugin build of the same iteration) − 1. When "noise (IQR)" is far above the bar, even\n' +
      'that cannot resolve 3 %, and "self / build" (main-thread time the plugin measures for itself, over the no-plugin\n' +
      'median) is the better estimate.',
  )
}
