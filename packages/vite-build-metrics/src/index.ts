import { buildMetrics } from './unplugin.js'

export { BuildMetricsOptionError, type BuildMetricsOptions, type BuildTimeThresholds } from './options.js'
export type { BuildInfo } from './record/build-info.js'

export { buildMetrics }

export default buildMetrics
