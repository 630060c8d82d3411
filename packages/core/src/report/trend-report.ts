import { type Attribution, attributeChanges } from '../attribution/attribute.js'
import type { BuildRecord } from '../schema/build-record.js'
import type { DeployRecord } from '../schema/deploy-record.js'
import type { ShipwatchRecord } from '../schema/parse-record.js'
import { type ChartSource, chartSource } from '../trend/chart-source.js'
import {
  compareBuild,
  DEFAULT_THRESHOLDS,
  type GateThresholds,
  type MetricComparison,
} from '../trend/compare.js'
import {
  type Baseline,
  branchOf,
  chooseBaseline,
  comparableBuilds,
  sameSeries,
} from '../trend/find-baseline.js'
import { type WindowStats, windowStats } from '../trend/window-stats.js'

/** Defaults of the report: timing window, chart points, deploys listed. */
export const WINDOW_SIZE = 20
export const MAX_POINTS = 400
export const DEPLOYS_SHOWN = 20

export interface TrendReportOptions {
  /** Prefer the build of this commit as baseline (CI base sha or `--base`). */
  baseSha?: string | null
  /** @default 'main' */
  defaultBranch?: string
  thresholds?: Partial<GateThresholds>
  /** Baseline runs used to judge timings. @default 20 */
  windowSize?: number
  /** Most points a chart keeps; older builds are thinned out evenly. @default 400 */
  maxPoints?: number
}

export interface ChartPoint {
  id: string
  createdAt: string
  sha: string | null
  branch: string | null
  subject: string | null
  succeeded: boolean
  durationMs: number
  phases: Record<string, number>
  totalBytes: number
  /** gzip when the build measured it, else raw (`initialGzip` says which). */
  initial: Record<string, number>
  initialGzip: boolean
}

export interface TrendReport {
  project: string | null
  current: BuildRecord | null
  baseline: {
    record: BuildRecord
    reason: 'merge-base' | 'default branch' | 'previous build'
    runs: number
  } | null
  comparisons: MetricComparison[]
  regressions: MetricComparison[]
  /** What changed against the baseline, output by output, with modules and packages. */
  attribution: Attribution | null
  verdict: 'pass' | 'regression' | 'no-baseline' | 'no-builds'
  history: ChartPoint[]
  plugins: PluginSeries[]
  deploys: DeployRecord[]
}

/**
 * What a trend report is made of, however the history is held: the current build, its baseline, the timing window's
 * stats, the chart series and recent deploys. A list of records gives them here; a database by SQL
 * (`databaseTrendInputs`), reading a few rows.
 */
export interface TrendInputs {
  current: BuildRecord | null
  baseline: Baseline | null
  window: WindowStats
  /** Builds in the timing window. */
  windowRuns: number
  history: ChartPoint[]
  plugins: PluginSeries[]
  deploys: DeployRecord[]
}

export interface PluginSeries {
  key: string
  label: string
  values: number[]
}

/** The whole trend: current build, its baseline and window, comparisons, chart series and recent deploys. */
export function buildTrendReport(
  records: readonly ShipwatchRecord[],
  options: TrendReportOptions = {},
): TrendReport {
  return assembleTrendReport(trendInputs(records, options), options)
}

/** The trend's inputs from records at hand, oldest first. */
export function trendInputs(
  records: readonly ShipwatchRecord[],
  options: TrendReportOptions = {},
): TrendInputs {
  const builds = records.filter((r): r is BuildRecord => r.kind === 'build' && !r.watchRebuild)
  const deploys = records.filter((r): r is DeployRecord => r.kind === 'deploy').slice(-DEPLOYS_SHOWN)
  const current = builds.at(-1) ?? null
  if (!current)
    return { current, baseline: null, window: new Map(), windowRuns: 0, history: [], plugins: [], deploys }
  // The current build's series: like builds, failed ones included (the charts show them); baselines succeeded.
  const comparable = builds.filter((r) => sameSeries(current, r))
  const earlier = comparable.filter((r) => r.id !== current.id)
  const baseline = selectBaseline(earlier, current, options)
  const history = thin(comparable, options.maxPoints ?? MAX_POINTS)
  // The timing window: the baseline and the succeeded comparable runs of its branch before it.
  const window = baseline
    ? earlier
        .slice(0, earlier.indexOf(baseline.record) + 1)
        .filter((r) => branchOf(r) === branchOf(baseline.record) && comparableBuilds(current, r))
        .slice(-(options.windowSize ?? WINDOW_SIZE))
    : []
  return {
    current,
    baseline,
    window: windowStats(window),
    windowRuns: window.length,
    history: history.map((r) => toPoint(chartSource(r))),
    plugins: pluginSeries(history),
    deploys,
  }
}

/** Compares the current build with its baseline and window; the verdict. */
export function assembleTrendReport(inputs: TrendInputs, options: TrendReportOptions = {}): TrendReport {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds }
  const { current, baseline } = inputs
  if (!current) return empty(inputs.deploys)
  const base = {
    project: current.project,
    current,
    history: inputs.history,
    plugins: inputs.plugins,
    deploys: inputs.deploys,
  }
  if (!baseline)
    return {
      ...base,
      baseline: null,
      comparisons: [],
      regressions: [],
      attribution: null,
      verdict: 'no-baseline',
    }
  const comparisons = compareBuild(current, baseline.record, inputs.window, thresholds)
  const regressions = comparisons.filter((c) => c.verdict === 'regression')
  return {
    ...base,
    baseline: { ...baseline, runs: inputs.windowRuns },
    comparisons,
    regressions,
    attribution: attributeChanges(baseline.record, current),
    verdict: regressions.length > 0 ? 'regression' : 'pass',
  }
}

/** The baseline among `earlier` comparable builds, by the one rule (`chooseBaseline`). */
export function selectBaseline(
  earlier: readonly BuildRecord[],
  current: BuildRecord,
  options: TrendReportOptions,
): Baseline | null {
  return chooseBaseline(current, (where) => earlier.findLast(where) ?? null, options)
}

function empty(deploys: DeployRecord[]): TrendReport {
  return {
    project: null,
    current: null,
    baseline: null,
    comparisons: [],
    regressions: [],
    attribution: null,
    verdict: 'no-builds',
    history: [],
    plugins: [],
    deploys,
  }
}

/** Keeps at most `max` points, evenly spread, always including the newest. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items]
  const step = (items.length - 1) / (max - 1)
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)]!)
}

export function toPoint(r: ChartSource): ChartPoint {
  return {
    id: r.id,
    createdAt: r.createdAt,
    sha: r.git.sha,
    branch: r.git.branch,
    subject: r.git.subject,
    succeeded: r.outcome.result === 'succeeded',
    durationMs: r.durationMs,
    phases: Object.fromEntries(r.phases.map((p) => [p.name, p.durationMs])),
    totalBytes: r.totalBytes,
    initial: Object.fromEntries(r.pages.map((p) => [p.html, p.initial.gzip ?? p.initial.size])),
    initialGzip: r.pages.every((p) => p.initial.gzip !== undefined),
  }
}

/** The busy time of the latest build's 15 busiest plugin hooks, across the chart's builds. */
export function pluginSeries(history: readonly Pick<ChartSource, 'plugins'>[]): PluginSeries[] {
  const latest = history.at(-1)
  if (!latest) return []
  const keys = latest.plugins
    .flatMap((p) =>
      Object.entries(p.hooks).map(([hook, t]) => ({
        key: `${p.name}#${p.index}.${hook}`,
        label: `${p.name} › ${hook}`,
        ms: t.busyMs,
      })),
    )
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15)
  return keys.map(({ key, label }) => ({
    key,
    label,
    values: history.map((r) => {
      for (const p of r.plugins)
        for (const [hook, t] of Object.entries(p.hooks))
          if (`${p.name}#${p.index}.${hook}` === key) return t.busyMs
      return 0
    }),
  }))
}
