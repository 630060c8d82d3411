import { buildMetrics as unplugin } from './unplugin.js'

/**
 * Build metrics for esbuild: total time, modules, every output with raw and gzip size.
 *
 * @example
 * ```ts
 * import { build } from 'esbuild'
 * import buildMetrics from '@shipwatch/vite-build-metrics/esbuild'
 *
 * await build({ entryPoints: ['src/index.ts'], bundle: true, outdir: 'dist', plugins: [buildMetrics()] })
 * ```
 */
export const buildMetrics = unplugin.esbuild
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
