import { formatBytes } from '../format/bytes.js'
import { formatDuration } from '../format/duration.js'
import { formatDelta, formatValue, headline } from './format-values.js'
import { html, type SafeHtml } from './html-template.js'
import { verdictLine } from './render-markdown.js'
import { lineChart, sparkline } from './svg-charts.js'
import type { TrendReport } from './trend-report.js'

const STYLE = html`
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1080px;padding:24px;color:#111827}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.sub{color:#6b7280;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid #f3f4f6;text-align:left;vertical-align:middle}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.verdict{font-size:15px;font-weight:600}.verdict.regression{color:#b91c1c}.verdict.pass{color:#15803d}
.chart{margin:0}.chart svg{background:#fafafa;border:1px solid #e5e7eb;border-radius:6px}
.grid{stroke:#e5e7eb}.axis{font-size:10px;fill:#6b7280}.key{margin-right:12px;font-size:12px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.pass{color:#15803d}.warn{color:#b45309}.fail{color:#b91c1c}.skip{color:#6b7280}
`

// A tooltip repeats its label for every point of every series: short labels and few series keep the report small
// (at most 400 points a chart, `maxPoints`).
const LABEL_CHARS = 48
const MAX_PAGE_SERIES = 6

/** The class of a status cell: one of ours, whatever a record holds (an unknown status is drawn as skipped). */
function statusClass(status: string): string {
  return status === 'pass' || status === 'warn' || status === 'fail' ? status : 'skip'
}

/** One self-contained HTML file: no script, no external resource; every value is escaped by the `html` tag. */
export function renderHtml(report: TrendReport, generatedAt: string): string {
  const labels = report.history.map((p) =>
    clip(`${p.sha?.slice(0, 7) ?? '?'} ${p.subject ?? ''}`, LABEL_CHARS).concat(
      ` (${p.createdAt.slice(0, 10)})`,
    ),
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
    html`<p class="sub">${baselineLine(report)} · generated ${generatedAt} · ${report.history.length} builds shown</p>`,
  ]
  if (report.history.length > 0) {
    sections.push(
      html`<h2>Build time</h2>`,
      lineChart([{ name: 'total', values: report.history.map((p) => p.durationMs) }], {
        labels,
        format: formatDuration,
      }),
      lineChart(
        phases.map((name) => ({ name, values: report.history.map((p) => p.phases[name] ?? 0) })),
        { labels, format: formatDuration, stacked: true },
      ),
      html`<h2>Output size</h2>`,
      lineChart(
        [
          { name: 'total (raw)', values: report.history.map((p) => p.totalBytes) },
          ...pages.map((page) => ({
            name: `initial ${page}`,
            values: report.history.map((p) => p.initial[page] ?? 0),
          })),
        ],
        { labels, format: (v) => formatBytes(v) },
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
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>${sections.map((s) => html`${s}\n`)}</body></html>
`
  return page.toString()
}

function comparisonTable(report: TrendReport): SafeHtml {
  const rows = [
    ...headline(report.comparisons),
    ...report.comparisons.filter((c) => !headline(report.comparisons).includes(c)),
  ]
  return html`<table><tr><th>metric</th><th>baseline</th><th>current</th><th>change</th><th></th><th>why</th></tr>${rows.map(
    (c) =>
      html`<tr><td>${c.label}</td><td class="n">${formatValue(c.unit, c.baseline)}</td><td class="n">${formatValue(c.unit, c.value)}</td><td class="n">${formatDelta(c)}</td><td>${HTML_MARKS[c.verdict]}</td><td class="sub">${c.explanation}</td></tr>`,
  )}</table>`
}

// Plain symbols with colour: Chromium on a CI runner often has no emoji font.
const HTML_MARKS = {
  regression: html`<span class="fail" title="regression">▲</span>`,
  improvement: html`<span class="pass" title="improvement">▼</span>`,
  unchanged: html`<span class="skip" title="unchanged">·</span>`,
  new: html`<span class="skip" title="new">+</span>`,
  'not judged': html`<span class="skip" title="too few runs to judge">?</span>`,
} as const

function baselineLine(report: TrendReport): string {
  if (!report.baseline) return 'no baseline'
  const b = report.baseline.record
  return `baseline: ${b.git.branch ?? '?'}@${b.git.sha?.slice(0, 7) ?? '?'}, ${report.baseline.reason}, ${report.baseline.runs} runs`
}

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`
}
