/** `850 ms`, `1.24 s`, `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`
}

/** `+12.3 %`, `-4.0 %`, or `new` when there was nothing before. */
export function formatPercentChange(current: number, baseline: number): string {
  if (baseline === 0) return current === 0 ? '0.0 %' : 'new'
  const pct = ((current - baseline) / baseline) * 100
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %`
}
