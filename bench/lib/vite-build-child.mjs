// One timed Vite build in a fresh process: `node vite-build-child.mjs <vite|vite7> <root> <none|metrics|metrics-brotli>`.
// The clock starts before the plugin is imported: users pay that import in vite.config.ts.
// Prints {"ms": …, "maxRssKb": …} as its last line.
import { performance } from 'node:perf_hooks'

const [viteName, root, variant] = process.argv.slice(2)
const { build } = await import(viteName)
const start = performance.now()
const plugins = []
if (variant.startsWith('metrics')) {
  const { default: buildMetrics } = await import('@shipwatch/vite-build-metrics/vite')
  plugins.push(buildMetrics({ brotli: variant === 'metrics-brotli', quiet: true, outDir: '../bench-history' }))
}
await build({ root, configFile: false, logLevel: 'silent', plugins, build: { outDir: `dist-${variant}` } })
const ms = performance.now() - start
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }))
