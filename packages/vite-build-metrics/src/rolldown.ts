import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import type { UnpluginInstance } from 'unplugin'
import type { BuildMetricsOptions } from './options.js'
import { buildMetricsFactory } from './plugin/factory.js'

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
// Without unplugin at runtime: see rollupFamilyPlugin in core.
export const buildMetrics = rollupFamilyPlugin(buildMetricsFactory, 'rolldown') as UnpluginInstance<
  BuildMetricsOptions | undefined
>['rolldown']
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
