import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import type { UnpluginInstance } from 'unplugin'
import type { BuildMetricsOptions } from './options.js'
import { buildMetricsFactory } from './plugin/factory.js'

/**
 * Build metrics for Vite.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite'
 * import buildMetrics from '@shipwatch/vite-build-metrics/vite'
 *
 * export default defineConfig({
 *   plugins: [buildMetrics()],
 * })
 * ```
 */
// Without unplugin at runtime: see rollupFamilyPlugin in core.
export const buildMetrics = rollupFamilyPlugin(buildMetricsFactory, 'vite') as UnpluginInstance<
  BuildMetricsOptions | undefined
>['vite']
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
