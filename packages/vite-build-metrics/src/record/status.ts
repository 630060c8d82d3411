import type { BuildStatus } from '@shipwatch/core/build'
import type { BuildTimeThresholds } from '../options.js'

/** good under `good` ms, warning under `warning` ms, else critical. */
export function gradeBuildTime(durationMs: number, thresholds: BuildTimeThresholds): BuildStatus {
  if (durationMs < thresholds.good) return 'good'
  if (durationMs < thresholds.warning) return 'warning'
  return 'critical'
}
