import { formatBytes } from '../format/bytes.js'
import { formatDuration } from '../format/duration.js'
import type { BuildRecord } from '../schema/build-record.js'
import { extractMetrics, type MetricValue } from './metrics.js'
import type { SeriesStats, WindowStats } from './window-stats.js'

export interface GateThresholds {
  /** Bytes may grow by this many bytes or this percent, whichever is larger. @default { absolute: 0, percent: 1 } */
  bytes: { absolute: number; percent: number }
  /** Counts (modules, files, hook calls) likewise. @default { absolute: 0, percent: 5 } */
  counts: { absolute: number; percent: number }
  /** A time regresses when above median + `mads` × MAD of the window, above the window's max, and `minPercent` slower. */
  times: { mads: number; minPercent: number; minRuns: number }
}

export const DEFAULT_THRESHOLDS: GateThresholds = {
  bytes: { absolute: 0, percent: 1 },
  counts: { absolute: 0, percent: 5 },
  times: { mads: 4, minPercent: 10, minRuns: 5 },
}

export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'new' | 'not judged'

export interface MetricComparison extends MetricValue {
  /** The baseline build's value, or for times the window's median. */
  baseline: number | null
  delta: number | null
  /** delta / baseline, or null when there is no baseline value or it is 0. */
  ratio: number | null
  verdict: Verdict
  /** Why: "transform of vite:css +38 % (baseline median 1.21 s over 12 runs, MAD 0.04 s)". */
  explanation: string
}

/**
 * Compares a build with its baseline. Bytes and counts — deterministic — are compared exactly with the baseline
 * build and absolute/percent limits. Times — noisy — are judged against a window of baseline runs with median and
 * MAD, never against one previous run, and not at all with fewer than `minRuns` runs.
 */
export function compareBuild(
  current: BuildRecord,
  baseline: BuildRecord,
  window: WindowStats,
  thresholds: GateThresholds = DEFAULT_THRESHOLDS,
): MetricComparison[] {
  const base = new Map(extractMetrics(baseline).map((m) => [m.id, m]))
  return extractMetrics(current).map((m) =>
    m.unit === 'ms'
      ? judgeTime(m, window.get(m.id), thresholds.times)
      : judgeExact(m, base.get(m.id), thresholds),
  )
}

export function judgeExact(
  m: MetricValue,
  base: MetricValue | undefined,
  thresholds: GateThresholds,
): MetricComparison {
  const show = (n: number) =>
    m.unit === 'bytes' ? formatBytes(n, { signed: n < 0 || n > 0 }) : `${n > 0 ? '+' : ''}${n}`
  if (!base)
    return { ...m, baseline: null, delta: null, ratio: null, verdict: 'new', explanation: `${m.label}: new` }
  const delta = m.value - base.value
  const ratio = base.value === 0 ? null : delta / base.value
  const limits = m.unit === 'bytes' ? thresholds.bytes : thresholds.counts
  // Bytes and counts are whole numbers: so is what they may grow by.
  const allowed = Math.floor(Math.max(limits.absolute, (Math.abs(base.value) * limits.percent) / 100))
  const pct = ratio === null ? '' : ` (${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %)`
  if (m.gated === false)
    return {
      ...m,
      baseline: base.value,
      delta,
      ratio,
      verdict: delta === 0 ? 'unchanged' : 'not judged',
      explanation: `${m.label} ${delta === 0 ? 'unchanged' : `${show(delta)}${pct} (reported, not gated)`}`,
    }
  const verdict: Verdict = delta > allowed ? 'regression' : delta < 0 ? 'improvement' : 'unchanged'
  const explanation =
    verdict === 'regression'
      ? `${m.label} ${show(delta)}${pct}, over the allowed ${m.unit === 'bytes' ? formatBytes(allowed) : `+${allowed}`}`
      : `${m.label} ${delta === 0 ? 'unchanged' : `${show(delta)}${pct}`}`
  return { ...m, baseline: base.value, delta, ratio, verdict, explanation }
}

export function judgeTime(
  m: MetricValue,
  series: SeriesStats | undefined,
  t: GateThresholds['times'],
): MetricComparison {
  if (!series)
    return { ...m, baseline: null, delta: null, ratio: null, verdict: 'new', explanation: `${m.label}: new` }
  const center = series.median
  const spread = series.mad
  const delta = m.value - center
  const ratio = center === 0 ? null : delta / center
  const pct = ratio === null ? '' : `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(0)} %`
  const context = `baseline median ${formatDuration(center)} over ${series.runs} runs, MAD ${formatDuration(spread)}`
  if (series.runs < t.minRuns) {
    return {
      ...m,
      baseline: center,
      delta,
      ratio,
      verdict: 'not judged',
      explanation: `${m.label} ${pct} (${context}; fewer than ${t.minRuns} runs: reported, not gated)`,
    }
  }
  // Never flag a value the baseline window itself produced, nor a change too small to matter.
  const bound = Math.max(center + t.mads * spread, series.max)
  const slower = ratio !== null && ratio * 100 >= t.minPercent
  const verdict: Verdict =
    m.value > bound && slower
      ? 'regression'
      : ratio !== null && ratio * 100 <= -t.minPercent && m.value < series.min
        ? 'improvement'
        : 'unchanged'
  return { ...m, baseline: center, delta, ratio, verdict, explanation: `${m.label} ${pct} (${context})` }
}
