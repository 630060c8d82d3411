import { formatBytes } from '../format/bytes.js'
import { formatDuration } from '../format/duration.js'
import type { MetricComparison } from '../trend/compare.js'

export function formatValue(unit: MetricComparison['unit'], value: number | null): string {
  if (value === null) return '—'
  return unit === 'bytes' ? formatBytes(value) : unit === 'ms' ? formatDuration(value) : String(value)
}

export function formatDelta(c: MetricComparison): string {
  if (c.delta === null) return '—'
  const pct = c.ratio === null ? '' : ` (${c.ratio >= 0 ? '+' : ''}${(c.ratio * 100).toFixed(1)} %)`
  const abs =
    c.unit === 'bytes'
      ? formatBytes(c.delta, { signed: true })
      : c.unit === 'ms'
        ? `${c.delta >= 0 ? '+' : '-'}${formatValue('ms', Math.abs(c.delta))}`
        : `${c.delta >= 0 ? '+' : ''}${c.delta}`
  return `${abs}${pct}`
}

export const MARKS = {
  regression: '🔴',
  improvement: '🟢',
  unchanged: '⚪',
  new: '🆕',
  'not judged': '◻️',
} as const

/** The metrics shown first everywhere: time, sizes, pages, counts. */
export function headline(comparisons: readonly MetricComparison[]): MetricComparison[] {
  const order = (c: MetricComparison) =>
    c.id === 'time.total'
      ? 0
      : c.id === 'bytes.total.gzip'
        ? 1
        : c.id === 'bytes.total'
          ? 2
          : c.id.startsWith('bytes.initial.')
            ? 3
            : c.id.startsWith('count.') && !c.id.startsWith('count.hook')
              ? 4
              : 9
  return comparisons.filter((c) => order(c) < 9).sort((a, b) => order(a) - order(b))
}

/**
 * Whether a comparison moved enough to be shown outside the collapsed rows: a verdict either way, an exact metric
 * that changed, or a size that is new (a new page). A hook that is new to the top list is not news, nor a change of
 * what is reported but not judged (a hook's calls).
 */
export function moved(c: MetricComparison): boolean {
  if (c.verdict === 'regression' || c.verdict === 'improvement') return true
  if (c.verdict === 'not judged') return false
  if (c.verdict === 'new') return c.unit === 'bytes'
  return c.unit !== 'ms' && c.delta !== null && c.delta !== 0
}
