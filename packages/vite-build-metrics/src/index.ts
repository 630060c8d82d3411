import { createUnplugin } from 'unplugin'
import { buildMetricsFactory } from './plugin/factory.js'

export { BuildMetricsOptionError, type BuildMetricsOptions, type BuildTimeThresholds } from './options.js'
export type { BuildInfo } from './record/build-info.js'

/** Shipwatch build metrics for every bundler unplugin supports; use the per-bundler entries in configs. */
export const buildMetrics = createUnplugin(buildMetricsFactory)

export default buildMetrics
