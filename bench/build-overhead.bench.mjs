// Cost of @shipwatch/vite-build-metrics on a generated 3,000-module app with real npm libraries, under Vite 8
// (Rolldown) and Vite 7 (Rollup). Every build runs in a fresh process; variants rotate so drift hits all alike.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { generateApp } from './lib/generate-app.mjs'
import { median, ms, printTable } from './lib/measure.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const VARIANTS = ['none', 'metrics', 'metrics-brotli']
const child = fileURLToPath(new URL('./lib/vite-build-child.mjs', import.meta.url))

function buildOnce(vite, root, variant) {
  const out = execFileSync(process.execPath, [child, vite, root, variant], { encoding: 'utf8', cwd: root })
  return JSON.parse(out.trim().split('\n').pop())
}

export default async function buildOverheadBench() {
  const root = fileURLToPath(new URL('./.generated/app', import.meta.url))
  const modules = generateApp(root)
  const rows = [['bundler', 'variant', `median of ${RUNS}`, 'overhead', 'peak RSS', 'RSS added']]
  for (const vite of ['vite', 'vite7']) {
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
      const t = median(results[variant].map((r) => r.ms))
      const rss = median(results[variant].map((r) => r.maxRssKb))
      rows.push([
        label,
        { none: 'no plugin', metrics: 'build-metrics (raw + gzip -9)', 'metrics-brotli': '+ brotli q11' }[variant],
        ms(t),
        variant === 'none' ? '—' : `${(((t - base) / base) * 100).toFixed(1)} %`,
        `${(rss / 1024).toFixed(0)} MB`,
        variant === 'none' ? '—' : `${((rss - baseRss) / 1024).toFixed(0)} MB`,
      ])
    }
  }
  printTable(`Build overhead: generated app, ${modules} source modules + lodash-es + zod, fresh process per build`, rows, 'Bar: ≤ 3 % with raw + gzip sizes. Brotli is opt-in and shown separately.')
}
