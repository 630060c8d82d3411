import { buildMetrics as unplugin } from './unplugin.js'

/**
 * Build metrics for webpack: total time, modules, every emitted asset with raw and gzip size.
 *
 * @example
 * ```js
 * // webpack.config.js
 * import buildMetrics from '@shipwatch/vite-build-metrics/webpack'
 *
 * export default { entry: './src/index.js', plugins: [buildMetrics()] }
 * ```
 */
export const buildMetrics = unplugin.webpack
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
