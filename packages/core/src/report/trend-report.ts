import { type Attribution, attributeChanges } from '../attribution/attribute.js'
import type { BuildRecord } from '../schema/build-record.js'
import type { DeployRecord } from '../schema/deploy-record.js'
import type { ShipwatchRecord } from '../schema/parse-record.js'
import {
  compareBuild,
  DEFAULT_THRESHOLDS,
  type GateThresholds,
  type MetricComparison,
} from '../trend/compare.js'
import { type Baseline, chooseBaseline } from '../trend/find-baseline.js'

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
  plugins: { key: string; label: string; values: number[] }[]
  deploys: DeployRecord[]
}

/** The whole trend: current build, its baseline and window, comparisons, chart series and recent deploys. */
export function buildTrendReport(
  records: readonly ShipwatchRecord[],
  options: TrendReportOptions = {},
): TrendReport {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds }
  const builds = records.filter((r): r is BuildRecord => r.kind === 'build' && !r.watchRebuild)
  const deploys = records.filter((r): r is DeployRecord => r.kind === 'deploy').slice(-20)
  const current = builds.at(-1) ?? null
  if (!current) return empty(deploys)
  // The current build's series: like builds, failed ones included (the charts show them); baselines succeeded.
  const comparable = builds.filter(
    (r) =>
      r.project === current.project &&
      r.bundler.name === current.bundler.name &&
      r.target === current.target &&
      r.mode === current.mode &&
      r.environment === current.environment,
  )
  const earlier = comparable.filter((r) => r.id !== current.id)
  const chosen = selectBaseline(earlier, current, options)
  const history = thin(comparable, options.maxPoints ?? 400)
  const base = {
    project: current.project,
    current,
    history: history.map(toPoint),
    plugins: pluginSeries(history),
    deploys,
  }
  if (!chosen)
    return {
      ...base,
      baseline: null,
      comparisons: [],
      regressions: [],
      attribution: null,
      verdict: 'no-baseline',
    }
  // The timing window: the baseline and the comparable runs of its branch before it.
  const upTo = earlier.slice(0, earlier.indexOf(chosen.record) + 1)
  const window = upTo
    .filter((r) => r.git.branch === chosen.record.git.branch && r.outcome.result === 'succeeded')
    .slice(-(options.windowSize ?? 20))
  const comparisons = compareBuild(current, chosen.record, window, thresholds)
  const regressions = comparisons.filter((c) => c.verdict === 'regression')
  return {
    ...base,
    baseline: { ...chosen, runs: window.length },
    comparisons,
    regressions,
    attribution: attributeChanges(chosen.record, current),
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

function toPoint(r: BuildRecord): ChartPoint {
  return {
    id: r.id,
    createdAt: r.createdAt,
    sha: r.git.sha,
    branch: r.git.branch,
    subject: r.git.subject,
    succeeded: r.outcome.result === 'succeeded',
    durationMs: r.durationMs,
    phases: Object.fromEntries(r.phases.map((p) => [p.name, p.durationMs])),
    totalBytes: r.outputs.filter((o) => o.kind !== 'map').reduce((s, o) => s + o.size, 0),
    initial: Object.fromEntries(r.pages.map((p) => [p.html, p.initial.gzip ?? p.initial.size])),
    initialGzip: r.pages.every((p) => p.initial.gzip !== undefined),
  }
}

function pluginSeries(history: readonly BuildRecord[]): TrendReport['plugins'] {
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
