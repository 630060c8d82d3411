import { createUnplugin } from 'unplugin'
import { unpluginFactory } from './plugin/unplugin-factory.js'

export { BuildMetricsOptionError, type BuildMetricsOptions, type BuildTimeThresholds } from './options.js'
export type { BuildInfo } from './record/build-info.js'

/** Shipwatch build metrics for every bundler unplugin supports; use the per-bundler entries in configs. */
export const buildMetrics = createUnplugin(unpluginFactory)

export default buildMetrics
