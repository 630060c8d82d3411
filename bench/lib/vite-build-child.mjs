// One timed Vite build in a fresh process:
// `node vite-build-child.mjs <vite|vite7> <root> <none|metrics|metrics-cold|metrics-brotli|budget>`.
// `metrics-cold` and `metrics-brotli` start without the caches the plugin keeps next to its history (sizes, largest
// modules), as a first build does (brotli's cost would otherwise vanish into the cache after its first run).
// The clock starts before the plugin is imported: users pay that import in vite.config.ts.
// Prints {"ms", "cpuMs", "userMs", "sysMs", "maxRssKb", "minorFaults", "importMs", "hooksMs", "afterCloseMs",
// "configMs", "graphMs", "renderMs", "tailMs"} as its last line: config = start → buildStart, graph = buildStart →
// buildEnd, render = buildEnd → generateBundle, tail = generateBundle → the end of build().
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const [viteName, root, variant] = process.argv.slice(2)
const { build } = await import(viteName)
const lines = []
const logger = {
  info: (m) => {
    lines.push(m)
  },
  warn: () => {},
  warnOnce: () => {},
  error: (m) => {
    lines.push(m)
  },
  clearScreen: () => {},
  hasErrorLogged: () => false,
  hasWarned: false,
}
const HISTORY = '../bench-history'
if (variant === 'metrics-cold' || variant === 'metrics-brotli')
  for (const cache of ['size-cache.json', 'top-modules-cache.json'])
    rmSync(join(root, HISTORY, cache), { force: true })
const start = performance.now()
// Phase edges, from a plugin present in every variant: a phase that grows shows where a plugin's cost lands.
const edges = {}
const edge = (name) => () => {
  edges[name] ??= performance.now()
}
const edgeProbe = {
  name: 'bench:phase-edges',
  buildStart: { order: 'pre', handler: edge('buildStart') },
  buildEnd: { order: 'post', handler: edge('buildEnd') },
  generateBundle: { order: 'pre', handler: edge('generateBundle') },
}
const cpuStart = process.cpuUsage()
const plugins = [edgeProbe]
let importMs = 0
if (variant.startsWith('metrics')) {
  process.env.DEBUG = 'shipwatch:*'
  const { default: buildMetrics } = await import('@shipwatch/vite-build-metrics/vite')
  importMs = performance.now() - start
  // Not quiet: the summary is rendered and compared with the previous build, as by default (the logger drops it).
  plugins.push(buildMetrics({ brotli: variant === 'metrics-brotli', historyDir: HISTORY }))
}
if (variant === 'budget') {
  const { default: bundleBudget } = await import('@shipwatch/bundle-budget/vite')
  importMs = performance.now() - start
  plugins.push(
    bundleBudget({
      budgets: [
        { target: 'initial', maxError: '10 MB' },
        { target: 'js', maxError: '50 MB' },
      ],
      historyDir: HISTORY,
    }),
  )
}
await build({ root, configFile: false, customLogger: logger, plugins, build: { outDir: `dist-${variant}` } })
const ms = performance.now() - start
const cpu = process.cpuUsage(cpuStart)
const cost = lines
  .map((l) => /cost: ([\d.]+) ms in hooks during the build, ([\d.]+) ms after closeBundle/.exec(l))
  .find(Boolean)
console.log(
  JSON.stringify({
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    minorFaults: process.resourceUsage().minorPageFault,
    userMs: process.resourceUsage().userCPUTime / 1000,
    sysMs: process.resourceUsage().systemCPUTime / 1000,
    importMs,
    hooksMs: cost ? Number(cost[1]) : 0,
    afterCloseMs: cost ? Number(cost[2]) : 0,
    configMs: edges.buildStart - start,
    graphMs: edges.buildEnd - edges.buildStart,
    renderMs: edges.generateBundle - edges.buildEnd,
    tailMs: start + ms - edges.generateBundle,
  }),
)
