// One timed Vite build in a fresh process:
// `node vite-build-child.mjs <vite|vite7> <root> <variant>`, variant one of none, metrics, metrics-cold,
// metrics-brotli, budget (two rules), budget-defaults, both (both plugins with their defaults).
// BENCH_PAGES=index.html,about.html builds several pages; SHIPWATCH_PACKAGES=<dir> loads the plugins from another
// checkout's `packages` folder (built), to compare with earlier code.
// `metrics-cold` and `metrics-brotli` start without the size cache the plugin keeps next to its history, as a first
// build does (brotli's cost would otherwise vanish into the cache after its first run).
// The clock starts before the plugin is imported: users pay that import in vite.config.ts.
// Prints {"ms", "cpuMs", "userMs", "sysMs", "maxRssKb", "minorFaults", "importMs", "hooksMs", "afterCloseMs",
// "configMs", "graphMs", "renderMs", "tailMs"} as its last line: config = start → buildStart, graph = buildStart →
// buildEnd, render = buildEnd → generateBundle, tail = generateBundle → the end of build().
import { readFileSync, rmSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

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
// Beside the generated apps, one per project, kept between runs like a CI history (sizes are then cached).
// BENCH_HISTORY names another folder (a first build's history, for one).
// An earlier checkout keeps its own history: its records (an older schema) would be this code's baseline otherwise.
const other = process.env.SHIPWATCH_PACKAGES
const HISTORY =
  process.env.BENCH_HISTORY ??
  fileURLToPath(
    new URL(`../.generated/history-${basename(root)}${other ? '-previous' : ''}`, import.meta.url),
  )
/** A plugin entry from this workspace, or from the checkout SHIPWATCH_PACKAGES names. */
async function plugin(pkg, entry) {
  if (!other) return (await import(`@shipwatch/${pkg}/${entry}`)).default
  return (await import(pathToFileURL(resolve(other, pkg, 'dist', `${entry}.js`)).href)).default
}
// The option naming the history folder was `outDir` before it became `historyDir`.
// Checkouts before the option was named `historyDir` called it `outDir`: each gets the name its README documents.
const historyOption =
  other && !readFileSync(resolve(other, 'vite-build-metrics/README.md'), 'utf8').includes('historyDir')
    ? { outDir: HISTORY }
    : { historyDir: HISTORY }
if (variant === 'metrics-cold' || variant === 'metrics-brotli')
  for (const cache of ['size-cache.json', 'top-modules-cache.json']) // the second: earlier code's largest modules
    rmSync(join(HISTORY, cache), { force: true })
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
if (variant === 'budget' || variant === 'budget-defaults' || variant === 'both') {
  const bundleBudget = await plugin('bundle-budget', 'vite')
  importMs = performance.now() - start
  const budgets =
    variant === 'budget'
      ? [
          { target: 'initial', maxError: '10 MB' },
          { target: 'js', maxError: '50 MB' },
        ]
      : undefined
  plugins.push(bundleBudget({ ...(budgets ? { budgets } : {}), historyDir: HISTORY }))
}
if (variant.startsWith('metrics') || variant === 'both') {
  process.env.DEBUG = 'shipwatch:*'
  const before = performance.now()
  const buildMetrics = await plugin('vite-build-metrics', 'vite')
  importMs += performance.now() - before
  // Not quiet: the summary is rendered and compared with the previous build, as by default (the logger drops it).
  plugins.push(buildMetrics({ brotli: variant === 'metrics-brotli', ...historyOption }))
}
const pages = process.env.BENCH_PAGES?.split(',')
const input = pages ? Object.fromEntries(pages.map((page) => [page, join(root, page)])) : undefined
await build({
  root,
  configFile: false,
  customLogger: logger,
  plugins,
  build: {
    // Beside the history, out of the app's folder (examples/ is linted).
    outDir: fileURLToPath(new URL(`../.generated/dist-${basename(root)}-${variant}`, import.meta.url)),
    emptyOutDir: true,
    ...(input ? { rollupOptions: { input } } : {}),
  },
})
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
