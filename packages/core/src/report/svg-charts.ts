import { html, type SafeHtml } from './html-template.js'

// Charts are SVG drawn from the records at report time: no script, no network, opens from a downloaded artifact.

// Past this many builds a chart draws lines only.
const MAX_DOTS = 60

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#ca8a04']

export interface Series {
  name: string
  /** One value per x position; null where the series has no build (another branch's build). */
  values: (number | null)[]
}

interface ChartOptions {
  width?: number
  height?: number
  format: (value: number) => string
  /** Label of each x position (commit and date), shown in tooltips and, for a few positions, on the x axis. */
  labels: string[]
  /** Short x-axis label of each position (a date). */
  ticks?: string[]
  /** Where a click on a position leads (`#b12`): the build's row in the report. */
  links?: string[]
  stacked?: boolean
}

/** A line chart (or stacked areas) with a y axis, gridlines, a legend and a tooltip per build. */
export function lineChart(series: Series[], options: ChartOptions): SafeHtml {
  const width = options.width ?? 720
  const height = options.height ?? 220
  const pad = { left: 64, right: 12, top: 12, bottom: 28 }
  const n = Math.max(1, ...series.map((s) => s.values.length))
  const stacks = options.stacked ? stackValues(series) : series.map((s) => s.values)
  const max = Math.max(1, ...stacks.flat().filter((v): v is number => v !== null))
  const x = (i: number) => pad.left + (n === 1 ? 0 : (i * (width - pad.left - pad.right)) / (n - 1))
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom)
  const point = (v: number, i: number) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`
  const points = (values: (number | null)[]) => values.map((v, i) => point(v ?? 0, i)).join(' ')
  // A series with gaps (another branch's builds) is drawn as one line per run of values.
  const lines = (values: (number | null)[], color: string) => {
    const runs: string[][] = [[]]
    for (const [i, v] of values.entries()) {
      if (v === null) runs.push([])
      else runs.at(-1)!.push(point(v, i))
    }
    return runs
      .filter((run) => run.length > 0)
      .map(
        (run) => html`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${run.join(' ')}"/>`,
      )
  }
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (f) =>
      html`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(max * f)}" y2="${y(max * f)}" class="grid"/><text x="${pad.left - 6}" y="${y(max * f) + 4}" class="axis" text-anchor="end">${options.format(max * f)}</text>`,
  )
  const shapes = series.map((_series, k) => {
    const color = PALETTE[k % PALETTE.length]!
    const top = stacks[k]!
    const below = k === 0 ? top.map(() => 0) : stacks[k - 1]!
    const area = options.stacked
      ? html`<polygon fill="${color}" fill-opacity="0.35" stroke="none" points="${points(top)} ${points(below).split(' ').reverse().join(' ')}"/>`
      : null
    // Dots only while they can be told apart; the columns below carry the values either way.
    const dots =
      n <= MAX_DOTS
        ? top.map((v, i) =>
            v === null
              ? null
              : html`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}"/>`,
          )
        : null
    return html`${area}${lines(top, color)}${dots}`
  })
  // One tooltip per x position, naming the build once with every series' value: the label is not repeated per
  // series, so the file grows with builds, not with builds × series.
  const step = n === 1 ? width - pad.left - pad.right : (width - pad.left - pad.right) / (n - 1)
  const columns = Array.from({ length: n }, (_, i) => {
    const values = series
      .filter((s) => s.values[i] !== null && s.values[i] !== undefined)
      .map((s) => `${s.name}: ${options.format(s.values[i]!)}`)
      .join(' · ')
    const rect = html`<rect x="${(x(i) - step / 2).toFixed(1)}" y="${pad.top}" width="${step.toFixed(1)}" height="${height - pad.top - pad.bottom}" fill="transparent"><title>${options.labels[i] ?? ''} — ${values}</title></rect>`
    const link = options.links?.[i]
    return link ? html`<a href="${link}">${rect}</a>` : rect
  })
  // The x axis: a date under the first, middle and last build.
  const ticks = options.ticks
    ? [...new Set([0, Math.floor((n - 1) / 2), n - 1])].map(
        (i) =>
          html`<text x="${x(i).toFixed(1)}" y="${height - 8}" class="axis" text-anchor="${i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}">${options.ticks![i] ?? ''}</text>`,
      )
    : null
  const legend = series.map(
    (s, k) =>
      html`<span class="key"><i style="background:${PALETTE[k % PALETTE.length]}"></i>${s.name}</span>`,
  )
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="100%" role="img">${grid}${shapes}${ticks}${columns}</svg><figcaption>${legend}</figcaption></figure>`
}

/** A small inline trend line for a table row. */
export function sparkline(values: number[], width = 120, height = 24): SafeHtml {
  if (values.length === 0) return html``
  const max = Math.max(...values)
  const min = Math.min(...values)
  const span = max - min || 1
  const x = (i: number) => (values.length === 1 ? width / 2 : (i * (width - 2)) / (values.length - 1) + 1)
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4)
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  return html`<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><polyline fill="none" stroke="#2563eb" stroke-width="1.2" points="${points}"/></svg>`
}

function stackValues(series: Series[]): number[][] {
  const totals: number[][] = []
  series.forEach((s, k) => {
    totals.push(s.values.map((v, i) => (v ?? 0) + (k === 0 ? 0 : (totals[k - 1]![i] ?? 0))))
  })
  return totals
}
