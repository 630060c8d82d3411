// Small helpers every benchmark shares: timing, medians, and one table per benchmark.
import { performance } from 'node:perf_hooks'

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs `fn` `runs` times (after `warmup` untimed runs) and returns the median wall time in ms. */
export async function timeMedian(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i)
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn(i)
    times.push(performance.now() - start)
  }
  return median(times)
}

export function ms(value) {
  return value < 10
    ? `${value.toFixed(2)} ms`
    : value < 1000
      ? `${value.toFixed(1)} ms`
      : `${(value / 1000).toFixed(2)} s`
}

export function ratio(value, reference) {
  return `${(value / reference).toFixed(2)}×`
}

/** Prints a table: `rows` are arrays of cells; the first row is the header. */
export function printTable(title, rows, note) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)))
  const line = (r) => `| ${r.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`
  console.log(`\n### ${title}\n`)
  console.log(line(rows[0]))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of rows.slice(1)) console.log(line(row))
  if (note) console.log(`\n${note}`)
}

/**
 * `median(b) / median(a) − 1` with a 90 % bootstrap interval (2,000 resamples, fixed seed so a rerun on the same
 * numbers prints the same interval). Says how far apart two noisy samples of timings really are.
 */
export function medianRatioInterval(a, b, { resamples = 2000, seed = 42 } = {}) {
  const resample = resampler(seed)
  const ratios = []
  for (let i = 0; i < resamples; i++) ratios.push(median(resample(b)) / median(resample(a)) - 1)
  ratios.sort((x, y) => x - y)
  return {
    estimate: median(b) / median(a) - 1,
    low: ratios[Math.floor(resamples * 0.05)],
    high: ratios[Math.floor(resamples * 0.95)],
  }
}

/**
 * The median of `b[i] / a[i] − 1` over pairs measured next to each other, with a 90 % bootstrap interval over the
 * pairs. On a host whose speed drifts over minutes, each build is compared with its neighbour rather than with
 * builds from another stretch of the run.
 */
export function pairedRatioInterval(a, b, { resamples = 2000, seed = 42 } = {}) {
  const pairs = b.map((value, i) => value / a[i] - 1)
  const resample = resampler(seed)
  const medians = []
  for (let i = 0; i < resamples; i++) medians.push(median(resample(pairs)))
  medians.sort((x, y) => x - y)
  return {
    estimate: median(pairs),
    low: medians[Math.floor(resamples * 0.05)],
    high: medians[Math.floor(resamples * 0.95)],
  }
}

// Fixed seed: a rerun on the same numbers prints the same interval.
function resampler(seed) {
  let state = seed
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
  return (values) => values.map(() => values[Math.floor(random() * values.length)])
}
