import { createUnplugin } from 'unplugin'
import { buildMetricsFactory } from './plugin/factory.js'

/**
 * Shipwatch build metrics for every bundler unplugin supports; the per-bundler entries (`./vite`, `./rollup`, …) take theirs from here, so a config file loads the plugin and
 * nothing of the package's CLI side.
 */
export const buildMetrics = createUnplugin(buildMetricsFactory)
