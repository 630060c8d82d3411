import type { MetricComparison } from '../trend/compare.js'
import { escapeMarkdown } from './escape.js'
import { formatDelta, formatValue, MARKS, moved } from './format-values.js'
import { type MarkdownLimits, renderAttributionMarkdown } from './markdown-attribution.js'
import type { TrendReport } from './trend-report.js'
import { verdictLine } from './verdict.js'

export { verdictLine } from './verdict.js'

/**
 * GitHub-flavoured Markdown for the job summary and PR comments, leading with the change: the verdict and every
 * regression, what changed (pages, outputs, modules, packages), sizes and counts that moved, then timings; whatever
 * did not change is collapsed.
 */
export function renderMarkdown(report: TrendReport, limits: MarkdownLimits = {}): string {
  const lines = [`## ${VERDICT_EMOJI[report.verdict]} ${escapeMarkdown(verdictLine(report))}`, '']
  if (report.regressions.length > 0) {
    lines.push(...report.regressions.map((r) => `- ${escapeMarkdown(r.explanation)}`), '')
  }
  if (report.baseline && report.current) {
    const b = report.baseline.record
    const c = report.current
    lines.push(
      `<sub>baseline: ${escapeMarkdown(b.git.branch ?? '?')}@${escapeMarkdown(b.git.sha?.slice(0, 7) ?? '?')}, ${report.baseline.reason}, ${report.baseline.runs} runs · current: ${escapeMarkdown(c.git.branch ?? '?')}@${escapeMarkdown(c.git.sha?.slice(0, 7) ?? '?')} — ${escapeMarkdown(c.git.subject ?? '')}</sub>`,
      '',
    )
  }
  if (report.attribution) lines.push(...renderAttributionMarkdown(report.attribution, limits))
  const exact = report.comparisons.filter((c) => c.unit !== 'ms')
  const times = report.comparisons.filter((c) => c.unit === 'ms')
  lines.push(...metricSection('Sizes and counts', exact), ...metricSection('Timings', times))
  const budgets = report.current?.budgets ?? []
  if (budgets.length > 0) {
    const failed = budgets.filter((b) => b.status === 'fail').length
    lines.push(
      `<details${failed > 0 ? ' open' : ''}><summary>Budgets: ${budgets.length - failed} of ${budgets.length} within limits</summary>`,
      '',
      ...budgets.flatMap((b) => [
        `- ${b.status === 'fail' ? '🔴' : b.status === 'warn' ? '🟡' : '🟢'} ${escapeMarkdown(b.message)}`,
        ...(b.status === 'fail' || b.status === 'warn'
          ? (b.details ?? []).map((d) => `  - ${escapeMarkdown(d)}`)
          : []),
      ]),
      '',
      '</details>',
      '',
    )
  }
  const lastDeploy = report.deploys.at(-1)
  if (lastDeploy) {
    lines.push(
      `<details><summary>Last deploy verification: ${lastDeploy.status === 'pass' ? '🟢 passed' : '🔴 failed'} — ${escapeMarkdown(lastDeploy.url)}</summary>`,
      '',
      ...lastDeploy.checks.map(
        (c) =>
          `- ${c.status === 'pass' ? '🟢' : c.status === 'fail' ? '🔴' : c.status === 'warn' ? '🟡' : '⚪'} ${escapeMarkdown(c.title)}: ${escapeMarkdown(c.message)}`,
      ),
      '',
      '</details>',
      '',
    )
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** Metrics that moved in a table; the unchanged ones collapsed below it. */
function metricSection(title: string, comparisons: readonly MetricComparison[]): string[] {
  if (comparisons.length === 0) return []
  const shown = comparisons.filter(moved)
  const rest = comparisons.filter((c) => !moved(c))
  const table = (rows: readonly MetricComparison[]) => [
    '| metric | baseline | current | change | |',
    '|---|---:|---:|---:|:-:|',
    ...rows.map(row),
  ]
  const lines = [`### ${title}`, '']
  const none =
    title === 'Timings'
      ? 'No timing moved beyond the noise of the baseline runs.'
      : 'No size or count changed.'
  lines.push(...(shown.length > 0 ? table(shown) : [none]), '')
  const quiet =
    title === 'Timings'
      ? 'within noise or not judged'
      : rest.some((c) => c.verdict === 'not judged')
        ? 'unchanged or not judged'
        : 'unchanged'
  if (rest.length > 0)
    lines.push(
      `<details><summary>${rest.length} ${quiet}</summary>`,
      '',
      ...table(rest),
      '',
      '</details>',
      '',
    )
  return lines
}

function row(c: MetricComparison): string {
  return `| ${escapeMarkdown(c.label)} | ${formatValue(c.unit, c.baseline)} | ${formatValue(c.unit, c.value)} | ${formatDelta(c)} | ${MARKS[c.verdict]} |`
}

const VERDICT_EMOJI = { 'no-builds': 'ℹ️', 'no-baseline': 'ℹ️', pass: '🟢', regression: '🔴' } as const
