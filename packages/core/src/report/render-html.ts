import { formatBytes } from '../format/bytes.js'
import { formatDuration } from '../format/duration.js'
import { escapeHtml } from './escape.js'
import { formatDelta, formatValue, headline } from './format-values.js'
import { verdictLine } from './render-markdown.js'
import { lineChart, sparkline } from './svg-charts.js'
import type { TrendReport } from './trend-report.js'

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1080px;padding:24px;color:#111827}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.sub{color:#6b7280;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid #f3f4f6;text-align:left;vertical-align:middle}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.verdict{font-size:15px;font-weight:600}.verdict.regression{color:#b91c1c}.verdict.pass{color:#15803d}
.chart{margin:0}.chart svg{background:#fafafa;border:1px solid #e5e7eb;border-radius:6px}
.grid{stroke:#e5e7eb}.axis{font-size:10px;fill:#6b7280}.key{margin-right:12px;font-size:12px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.pass{color:#15803d}.warn{color:#b45309}.fail{color:#b91c1c}.skip{color:#6b7280}
`

/** One self-contained HTML file: no script, no external resource; every user-controlled string escaped. */
export function renderHtml(report: TrendReport, generatedAt: string): string {
  const labels = report.history.map((p) => `${p.sha?.slice(0, 7) ?? '?'} ${p.subject ?? ''} (${p.createdAt})`)
  const phases = [...new Set(report.history.flatMap((p) => Object.keys(p.phases)))]
  const pages = [...new Set(report.history.flatMap((p) => Object.keys(p.initial)))]
  const sections = [
    `<h1>${escapeHtml(report.project ?? 'Shipwatch')} — build trends</h1>`,
    `<p class="verdict ${report.verdict}">${escapeHtml(verdictLine(report))}</p>`,
    `<p class="sub">${escapeHtml(baselineLine(report))} · generated ${escapeHtml(generatedAt)} · ${report.history.length} builds shown</p>`,
  ]
  if (report.history.length > 0) {
    sections.push(
      '<h2>Build time</h2>',
      lineChart([{ name: 'total', values: report.history.map((p) => p.durationMs) }], {
        labels,
        format: formatDuration,
      }),
      lineChart(
        phases.map((name) => ({ name, values: report.history.map((p) => p.phases[name] ?? 0) })),
        { labels, format: formatDuration, stacked: true },
      ),
      '<h2>Output size</h2>',
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
  if (report.comparisons.length > 0) {
    sections.push('<h2>Current vs baseline</h2>', comparisonTable(report))
  }
  if (report.plugins.length > 0) {
    sections.push(
      '<h2>Plugin hooks (busy time)</h2><table><tr><th>plugin › hook</th><th>latest</th><th>trend</th></tr>',
      ...report.plugins.map(
        (p) =>
          `<tr><td>${escapeHtml(p.label)}</td><td class="n">${escapeHtml(formatDuration(p.values.at(-1) ?? 0))}</td><td>${sparkline(p.values)}</td></tr>`,
      ),
      '</table>',
    )
  }
  const budgets = report.current?.budgets ?? []
  if (budgets.length > 0) {
    sections.push('<h2>Budgets</h2><table><tr><th></th><th>rule</th><th>target</th><th>result</th></tr>')
    for (const b of budgets)
      sections.push(
        `<tr><td class="${b.status === 'no-baseline' ? 'skip' : b.status}">${escapeHtml(b.status)}</td><td>${escapeHtml(b.rule)}</td><td>${escapeHtml(b.target)}</td><td>${escapeHtml(b.message)}</td></tr>`,
      )
    sections.push('</table>')
  }
  const html = report.current?.html ?? []
  if (html.length > 0) {
    sections.push(
      '<h2>HTML validation</h2><table><tr><th>page</th><th>errors</th><th>warnings</th><th>first messages</th></tr>',
    )
    for (const h of html)
      sections.push(
        `<tr><td>${escapeHtml(h.page)}</td><td class="n">${h.errors}</td><td class="n">${h.warnings}</td><td>${h.messages
          .slice(0, 3)
          .map((m) => escapeHtml(`${m.ruleId} ${m.line}:${m.column} ${m.message}`))
          .join('<br>')}</td></tr>`,
      )
    sections.push('</table>')
  }
  if (report.deploys.length > 0) {
    sections.push(
      '<h2>Deploy verifications</h2><table><tr><th>when</th><th>url</th><th>result</th><th>checks</th></tr>',
    )
    for (const d of [...report.deploys].reverse()) {
      const checks = d.checks
        .map((c) => `<span class="${c.status}">${escapeHtml(`${c.title}: ${c.status}`)}</span>`)
        .join(' · ')
      sections.push(
        `<tr><td>${escapeHtml(d.createdAt)}</td><td>${escapeHtml(d.url)}</td><td class="${d.status === 'pass' ? 'pass' : 'fail'}">${d.status}</td><td>${checks}</td></tr>`,
      )
    }
    sections.push('</table>')
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(report.project ?? 'Shipwatch')} — build trends</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`
}

function comparisonTable(report: TrendReport): string {
  const rows = [
    ...headline(report.comparisons),
    ...report.comparisons.filter((c) => !headline(report.comparisons).includes(c)),
  ]
  return `<table><tr><th>metric</th><th>baseline</th><th>current</th><th>change</th><th></th><th>why</th></tr>${rows
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.label)}</td><td class="n">${escapeHtml(formatValue(c.unit, c.baseline))}</td><td class="n">${escapeHtml(formatValue(c.unit, c.value))}</td><td class="n">${escapeHtml(formatDelta(c))}</td><td>${HTML_MARKS[c.verdict]}</td><td class="sub">${escapeHtml(c.explanation)}</td></tr>`,
    )
    .join('')}</table>`
}

// Plain symbols with colour: Chromium on a CI runner often has no emoji font.
const HTML_MARKS = {
  regression: '<span class="fail" title="regression">▲</span>',
  improvement: '<span class="pass" title="improvement">▼</span>',
  unchanged: '<span class="skip" title="unchanged">·</span>',
  new: '<span class="skip" title="new">+</span>',
  'not judged': '<span class="skip" title="too few runs to judge">?</span>',
} as const

function baselineLine(report: TrendReport): string {
  if (!report.baseline) return 'no baseline'
  const b = report.baseline.record
  return `baseline: ${b.git.branch ?? '?'}@${b.git.sha?.slice(0, 7) ?? '?'}, ${report.baseline.reason}, ${report.baseline.runs} runs`
}
