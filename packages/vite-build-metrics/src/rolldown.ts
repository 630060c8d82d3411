import { buildMetrics as unplugin } from './unplugin.js'

/**
 * Build metrics for Rolldown.
 *
 * @example
 * ```ts
 * // rolldown.config.js
 * import buildMetrics from '@shipwatch/vite-build-metrics/rolldown'
 *
 * export default {
 *   input: 'src/index.js',
 *   plugins: [buildMetrics()],
 * }
 * ```
 */
export const buildMetrics = unplugin.rolldown
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
