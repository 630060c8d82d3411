import { formatBytes } from '../format/bytes.js'
import { formatDuration } from '../format/duration.js'
import { formatDelta, formatValue, moved } from './format-values.js'
import { attributionHtml } from './html-attribution.js'
import { html, type SafeHtml } from './html-template.js'
import { lineChart, type Series, sparkline } from './svg-charts.js'
import type { ChartPoint, TrendReport } from './trend-report.js'
import { baselineLine, verdictLine } from './verdict.js'

const STYLE = html`
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1080px;padding:24px;color:#111827}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.sub{color:#6b7280;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid #f3f4f6;text-align:left;vertical-align:middle}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.verdict{font-size:15px;font-weight:600}.verdict.regression{color:#b91c1c}.verdicth3.output{font-size:14px;margin:16px 0 4px}tr:target{background:#fef9c3}
.pass{color:#15803d}
.chart{margin:0}.chart svg{background:#fafafa;border:1px solid #e5e7eb;border-radius:6px}
.grid{stroke:#e5e7eb}.axis{font-size:10px;fill:#6b7280}.key{margin-right:12px;font-size:12px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
h3.output{font-size:14px;margin:16px 0 4px}tr:target{background:#fef9c3}
.pass{color:#15803d}.warn{color:#b45309}.fail{color:#b91c1c}.skip{color:#6b7280}
`

// A tooltip names its build for every point of every chart: short labels and few series keep the report small
// (at most 400 points a chart, `maxPoints`).
const LABEL_CHARS = 48
const MAX_PAGE_SERIES = 6
const MAX_BRANCH_SERIES = 6

/** The class of a status cell: one of ours, whatever a record holds (an unknown status is drawn as skipped). */
function statusClass(status: string): string {
  return status === 'pass' || status === 'warn' || status === 'fail' ? status : 'skip'
}

/** One self-contained HTML file: no script, no external resource; every value is escaped by the `html` tag. */
export function renderHtml(report: TrendReport, generatedAt: string): string {
  // Tooltips name a build by commit and date; its subject is in its row of the builds table, a click away.
  const labels = report.history.map(
    (p) => `${p.branch ?? ''}@${p.sha?.slice(0, 7) ?? '?'} ${p.createdAt.slice(0, 16).replace('T', ' ')}`,
  )
  const phases = [...new Set(report.history.flatMap((p) => Object.keys(p.phases)))]
  // The heaviest pages of the latest build: a site of hundreds of pages would otherwise draw hundreds of series.
  const latest = report.history.at(-1)?.initial ?? {}
  const pages = [...new Set(report.history.flatMap((p) => Object.keys(p.initial)))]
    .sort((a, b) => (latest[b] ?? 0) - (latest[a] ?? 0))
    .slice(0, MAX_PAGE_SERIES)
  const title = `${report.project ?? 'Shipwatch'} — build trends`
  const sections: SafeHtml[] = [
    html`<h1>${title}</h1>`,
    html`<p class="verdict ${report.verdict}">${verdictLine(report)}</p>`,
    report.regressions.length > 0
      ? html`<ul>${report.regressions.map((r) => html`<li class="fail">${r.explanation}</li>`)}</ul>`
      : null,
    html`<p class="sub">${baselineLine(report)} · generated ${generatedAt} · ${report.history.length} builds shown</p>`,
  ].filter((s): s is SafeHtml => s !== null)
  if (report.attribution) sections.push(attributionHtml(report.attribution))
  if (report.history.length > 0) {
    // x axis: one position per build in time order; a click on a position opens that build's row below.
    const axis = {
      labels,
      ticks: report.history.map((p) => p.createdAt.slice(0, 10)),
      links: report.history.map((_, i) => `#b${i}`),
    }
    const gzip = report.history.every((p) => p.initialGzip)
    sections.push(
      html`<h2>Build time (one line per branch)</h2>`,
      lineChart(
        byBranch(report.history, (p) => p.durationMs),
        { ...axis, format: formatDuration },
      ),
      lineChart(
        phases.map((name) => ({ name, values: report.history.map((p) => p.phases[name] ?? 0) })),
        { ...axis, format: formatDuration, stacked: true },
      ),
      html`<h2>Output size: total raw, one line per branch</h2>`,
      lineChart(
        byBranch(report.history, (p) => p.totalBytes),
        { ...axis, format: (v) => formatBytes(v) },
      ),
      html`<h2>Initial load per page (${gzip ? 'gzip' : 'raw'})</h2>`,
      lineChart(
        pages.map((page) => ({ name: page, values: report.history.map((p) => p.initial[page] ?? null) })),
        { ...axis, format: (v) => formatBytes(v) },
      ),
    )
  }
  if (report.comparisons.length > 0)
    sections.push(html`<h2>Current vs baseline</h2>`, comparisonTable(report))
  if (report.plugins.length > 0) {
    const rows = report.plugins.map(
      (p) =>
        html`<tr><td>${p.label}</td><td class="n">${formatDuration(p.values.at(-1) ?? 0)}</td><td>${sparkline(p.values)}</td></tr>`,
    )
    sections.push(
      html`<h2>Plugin hooks (busy time)</h2><table><tr><th>plugin › hook</th><th>latest</th><th>trend</th></tr>${rows}</table>`,
    )
  }
  const budgets = report.current?.budgets ?? []
  if (budgets.length > 0) {
    const rows = budgets.map(
      (b) =>
        html`<tr><td class="${statusClass(b.status)}">${b.status}</td><td>${b.rule}</td><td>${b.target}</td><td>${b.message}</td></tr>`,
    )
    sections.push(
      html`<h2>Budgets</h2><table><tr><th></th><th>rule</th><th>target</th><th>result</th></tr>${rows}</table>`,
    )
  }
  const pageChecks = report.current?.html ?? []
  if (pageChecks.length > 0) {
    const rows = pageChecks.map((h) => {
      const first = h.messages
        .slice(0, 3)
        .map((m, i) => html`${i > 0 ? html`<br>` : null}${m.ruleId} ${m.line}:${m.column} ${m.message}`)
      return html`<tr><td>${h.page}</td><td class="n">${h.errors}</td><td class="n">${h.warnings}</td><td>${first}</td></tr>`
    })
    sections.push(
      html`<h2>HTML validation</h2><table><tr><th>page</th><th>errors</th><th>warnings</th><th>first messages</th></tr>${rows}</table>`,
    )
  }
  if (report.deploys.length > 0) {
    const rows = [...report.deploys].reverse().map((d) => {
      const checks = d.checks.map(
        (c, i) =>
          html`${i > 0 ? ' · ' : null}<span class="${statusClass(c.status)}">${c.title}: ${c.status}</span>`,
      )
      return html`<tr><td>${d.createdAt}</td><td>${d.url}</td><td class="${d.status === 'pass' ? 'pass' : 'fail'}">${d.status}</td><td>${checks}</td></tr>`
    })
    sections.push(
      html`<h2>Deploy verifications</h2><table><tr><th>when</th><th>url</th><th>result</th><th>checks</th></tr>${rows}</table>`,
    )
  }
  if (report.history.length > 0) sections.push(html`<h2>Builds</h2>`, buildsTable(report.history))
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>${sections.map((s) => html`${s}\n`)}</body></html>
`
  return page.toString()
}

/** Metrics that moved (sizes and counts first, then timings); the unchanged ones collapsed. */
function comparisonTable(report: TrendReport): SafeHtml {
  const ordered = [...report.comparisons].sort((a, b) => Number(a.unit === 'ms') - Number(b.unit === 'ms'))
  const table = (rows: TrendReport['comparisons']) =>
    html`<table><tr><th>metric</th><th>baseline</th><th>current</th><th>change</th><th></th><th>why</th></tr>${rows.map(
      (c) =>
        html`<tr><td>${c.label}</td><td class="n">${formatValue(c.unit, c.baseline)}</td><td class="n">${formatValue(c.unit, c.value)}</td><td class="n">${formatDelta(c)}</td><td>${HTML_MARKS[c.verdict]}</td><td class="sub">${c.explanation}</td></tr>`,
    )}</table>`
  const rest = ordered.filter((c) => !moved(c))
  return html`${table(ordered.filter(moved))}${rest.length > 0 ? html`<details><summary>${rest.length} unchanged, within noise or not judged</summary>${table(rest)}</details>` : null}`
}

/** One series per branch (the busiest ones), null where a build is another branch's. */
function byBranch(history: readonly ChartPoint[], value: (p: ChartPoint) => number): Series[] {
  const counts = new Map<string, number>()
  for (const p of history)
    counts.set(p.branch ?? '(no branch)', (counts.get(p.branch ?? '(no branch)') ?? 0) + 1)
  const shown = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_BRANCH_SERIES)
    .map(([name]) => name)
  const series = (name: string, has: (p: ChartPoint) => boolean) => ({
    name,
    values: history.map((p) => (has(p) ? value(p) : null)),
  })
  const others = history.some((p) => !shown.includes(p.branch ?? '(no branch)'))
  return [
    ...shown.map((name) => series(name, (p) => (p.branch ?? '(no branch)') === name)),
    ...(others ? [series('other branches', (p) => !shown.includes(p.branch ?? '(no branch)'))] : []),
  ]
}

/** Every charted build, newest first, each row the target of its chart position. */
function buildsTable(history: readonly ChartPoint[]): SafeHtml {
  const rows = history
    .map(
      (p, i) =>
        html`<tr id="b${i}"><td>${p.createdAt.slice(0, 16).replace('T', ' ')}</td><td>${p.branch ?? ''}</td><td>${p.sha?.slice(0, 7) ?? ''}</td><td>${clip(p.subject ?? '', LABEL_CHARS)}</td><td class="${p.succeeded ? 'pass' : 'fail'}">${p.succeeded ? 'succeeded' : 'failed'}</td><td class="n">${formatDuration(p.durationMs)}</td><td class="n">${formatBytes(p.totalBytes)}</td></tr>`,
    )
    .reverse()
  return html`<table><tr><th>when</th><th>branch</th><th>commit</th><th>subject</th><th>outcome</th><th>time</th><th>size (raw)</th></tr>${rows}</table>`
}

// Plain symbols with colour: Chromium on a CI runner often has no emoji font.
const HTML_MARKS = {
  regression: html`<span class="fail" title="regression">▲</span>`,
  improvement: html`<span class="pass" title="improvement">▼</span>`,
  unchanged: html`<span class="skip" title="unchanged">·</span>`,
  new: html`<span class="skip" title="new">+</span>`,
  'not judged': html`<span class="skip" title="too few runs to judge">?</span>`,
} as const

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`
}
