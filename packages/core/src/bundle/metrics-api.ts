import type { BudgetResult, BuildRecord, CompressionSettings, FailureReason } from '../schema/build-record.js'
import type { Baseline, FindBaselineOptions } from '../trend/find-baseline.js'

/** The build-metrics plugin's name, by which other plugins find it in the bundler's plugin list. */
export const BUILD_METRICS_PLUGIN = 'shipwatch:build-metrics'

/**
 * A check another plugin runs on each build's measured record before build-metrics writes it (bundle-budget's
 * budgets). The build is measured once: the gate's compressions are computed along with the plugin's own. The gate's
 * plugin fails the build itself, from its own hook, with what `check` found.
 */
export interface BuildGate {
  /** Compressed sizes the gate compares. */
  compression: CompressionSettings
  /**
   * Called once at the end of every build (each Vite environment): with its record once the outputs are sized, or
   * with `record: null` when the build failed before it had outputs. Resolves to null when the build is none of the
   * gate's business (an SSR build, a failed one).
   */
  check(build: {
    environment: string | null
    record: BuildRecord | null
    /**
     * The record's baseline by the one rule, from the history build-metrics keeps (its database when one is set,
     * else its history file): a gate need not read a history of its own.
     */
    findBaseline?: (options?: FindBaselineOptions) => Promise<Baseline | null>
  }): Promise<GateResult | null>
}

export interface GateResult {
  budgets: BudgetResult[]
  /** What fails the build (the gate's plugin raises it), or null when it passes. */
  failure: string | null
  /** Why, one reason per failing check, for the record's outcome. */
  reasons: FailureReason[]
}

/** `plugin.api` of the build-metrics plugin: Vite's convention for plugins that work together. */
export interface BuildMetricsApi {
  addGate(gate: BuildGate): void
}

/** The build-metrics plugin's API in a bundler's plugin list (which may nest arrays), or null when it is absent. */
export function findBuildMetricsApi(plugins: unknown): BuildMetricsApi | null {
  if (Array.isArray(plugins)) {
    for (const plugin of plugins) {
      const api = findBuildMetricsApi(plugin)
      if (api) return api
    }
    return null
  }
  const plugin = plugins as { name?: unknown; api?: Partial<BuildMetricsApi> } | null
  if (plugin?.name !== BUILD_METRICS_PLUGIN || typeof plugin.api?.addGate !== 'function') return null
  return plugin.api as BuildMetricsApi
}

/** Both plugins' compressions at once: the metrics plugin's own levels win where both ask for one. */
export function mergeCompression(
  own: CompressionSettings,
  ...others: CompressionSettings[]
): CompressionSettings {
  return others.reduce<CompressionSettings>(
    (merged, other) => ({ gzip: merged.gzip ?? other.gzip, brotli: merged.brotli ?? other.brotli }),
    own,
  )
}
