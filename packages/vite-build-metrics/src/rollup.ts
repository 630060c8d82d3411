import { buildMetrics as unplugin } from './unplugin.js'

/**
 * Build metrics for Rollup.
 *
 * @example
 * ```ts
 * // rollup.config.js
 * import buildMetrics from '@shipwatch/vite-build-metrics/rollup'
 *
 * export default {
 *   input: 'src/index.js',
 *   output: { dir: 'dist' },
 *   plugins: [buildMetrics()],
 * }
 * ```
 */
export const buildMetrics = unplugin.rollup
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
