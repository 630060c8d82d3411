// Both plugins with their defaults on an app like users' (≈ 2,600 modules; React, ReactDOM and echarts in one ≈ 1.5 MB
// entry chunk; lazy routes): CPU work by callgrind, wall time as paired ratios, and the same on examples/vite-app.
// BENCH_PREVIOUS=<checkout>/packages adds build-metrics alone as that earlier code built it, for a side-by-side.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { countInstructions, hasValgrind } from './lib/callgrind.mjs'
import { median, ms, pairedRatioInterval, printTable } from './lib/measure.mjs'
import { holdFreePageReporting } from './lib/page-reporting.mjs'
import { vendorApp } from './lib/vendor-app.mjs'

const PAIRS = Number(process.env.BENCH_PAIRS ?? 25)
const CPU_RUNS = Number(process.env.BENCH_RUNS_CPU ?? 2)
const VARIANTS = {
  none: 'no plugin',
  both: 'both plugins (defaults)',
  metrics: 'build-metrics alone',
  'budget-defaults': 'bundle-budget alone',
}
const child = fileURLToPath(new URL('./lib/vite-build-child.mjs', import.meta.url))
const percent = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
const interval = ({ estimate, low, high }) => `${percent(estimate)} (${percent(low)} … ${percent(high)})`

function buildOnce(root, variant, env = {}) {
  const out = execFileSync(process.execPath, [child, 'vite', root, variant], {
    encoding: 'utf8',
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ...env },
  })
  return JSON.parse(out.trim().split('\n').pop())
}

/** `PAIRS` rounds of every variant, the order rotating each round; each variant's wall time against `none`'s. */
function pairedWall(root, variants, env = {}) {
  const names = Object.keys(variants)
  for (const variant of names) buildOnce(root, variant, env[variant]) // warm the file cache and the size cache
  const runs = Object.fromEntries(names.map((v) => [v, []]))
  for (let i = 0; i < PAIRS; i++) {
    const order = names.map((_, k) => names[(k + i) % names.length])
    for (const variant of order) runs[variant].push(buildOnce(root, variant, env[variant]).ms)
  }
  return names.map((variant) => [
    variants[variant],
    PAIRS,
    ms(median(runs[variant])),
    variant === 'none' ? '—' : interval(pairedRatioInterval(runs.none, runs[variant])),
  ])
}

async function cpuWork(root) {
  const counts = Object.fromEntries(Object.keys(VARIANTS).map((v) => [v, []]))
  for (let i = 0; i < CPU_RUNS; i++) {
    // Two at a time, one per core.
    await Promise.all(['none', 'both'].map(async (v) => counts[v].push(await countInstructions(root, v))))
    await Promise.all(
      ['metrics', 'budget-defaults'].map(async (v) => counts[v].push(await countInstructions(root, v))),
    )
  }
  const none = median(counts.none)
  const spread = (values) => (Math.max(...values) - Math.min(...values)) / median(values)
  return Object.entries(VARIANTS).map(([variant, label]) => {
    const count = median(counts[variant])
    return [
      label,
      `${(count / 1e9).toFixed(2)} G`,
      `${(spread(counts[variant]) * 100).toFixed(2)} %`,
      variant === 'none' ? '—' : percent(count / none - 1),
    ]
  })
}

export default async function bothPluginsBench() {
  const { root, modules } = vendorApp()
  const pages = holdFreePageReporting()
  try {
    if (CPU_RUNS > 0 && hasValgrind())
      printTable(
        `CPU work, both plugins with defaults: vendor app of ${modules} source modules + React, ReactDOM, echarts (instructions, median of ${CPU_RUNS})`,
        [['variant', 'instructions', 'spread between runs', 'added'], ...(await cpuWork(root))],
        'Bars: both plugins ≤ +5 %. Every thread and child process counts (compression threads, git), so this bounds\n' +
          'the wall-time cost from above. Sizes come from the size cache after the first build, as in CI with a kept history.',
      )
    else console.log('\n### CPU work: skipped (valgrind is not installed, or BENCH_RUNS_CPU=0)')

    const previous = process.env.BENCH_PREVIOUS
    printTable(
      `Wall time, vendor app: paired ratios over ${PAIRS} rounds (order rotating)`,
      [
        ['variant', 'rounds', 'wall (median)', 'overhead, paired (90 % interval)'],
        ...pairedWall(
          root,
          previous ? { ...VARIANTS, 'metrics-previous': 'build-metrics alone, previous code' } : VARIANTS,
          previous ? { 'metrics-previous': { SHIPWATCH_PACKAGES: previous } } : {},
        ),
      ],
      'Bar: both plugins ≤ +3 %. "overhead, paired" is the median over rounds of variant ÷ no plugin − 1, with a\n' +
        `90 % bootstrap interval. Kernel time: ${pages.note}.`,
    )

    const example = fileURLToPath(new URL('../examples/vite-app', import.meta.url))
    process.env.BENCH_PAGES = 'index.html,about.html'
    printTable(
      `Wall time, examples/vite-app (two pages, ≈ 10 modules): paired ratios over ${PAIRS} rounds`,
      [
        ['variant', 'rounds', 'wall (median)', 'overhead, paired (90 % interval)'],
        ...pairedWall(example, { none: VARIANTS.none, both: VARIANTS.both }),
      ],
      'Bar: ≤ +8 %. A build this small is mostly fixed costs: the plugins’ import, git, and writing the record.',
    )
    delete process.env.BENCH_PAGES
  } finally {
    pages.restore()
  }
}
