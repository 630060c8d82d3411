import { buildMetrics as unplugin } from './unplugin.js'

/**
 * Build metrics for Rspack: total time, modules, every emitted asset with raw and gzip size.
 *
 * @example
 * ```js
 * // rspack.config.js
 * import buildMetrics from '@shipwatch/vite-build-metrics/rspack'
 *
 * export default { entry: './src/index.js', plugins: [buildMetrics()] }
 * ```
 */
export const buildMetrics = unplugin.rspack
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
