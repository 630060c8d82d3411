import { buildMetrics as unplugin } from './unplugin.js'

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
export const buildMetrics = unplugin.vite
export default buildMetrics
export type { BuildMetricsOptions } from './options.js'
