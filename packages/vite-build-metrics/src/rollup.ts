import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import type { UnpluginInstance } from 'unplugin'
import type { BuildMetricsOptions } from './options.js'
import { buildMetricsFactory } from './plugin/factory.js'

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
// Without unplugin at runtime: see rollupFamilyPlugin in core.
export const buildMetrics = rollupFamilyPlugin(buildMetricsFactory, 'rollup') as UnpluginInstance<
  BuildMetricsOptions | undefined
>['rollup']
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
