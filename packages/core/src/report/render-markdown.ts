import { escapeMarkdown } from './escape.js'
import { formatDelta, formatValue, headline, MARKS } from './format-values.js'
import type { TrendReport } from './trend-report.js'

/** GitHub-flavoured Markdown for the job summary and PR comments: verdict, headline table, top regressions, details. */
export function renderMarkdown(report: TrendReport): string {
  const lines = [`## ${VERDICT_EMOJI[report.verdict]} ${verdictLine(report)}`, '']
  if (report.baseline && report.current) {
    const b = report.baseline.record
    lines.push(
      `<sub>baseline: ${escapeMarkdown(b.git.branch ?? '?')}@${escapeMarkdown(b.git.sha?.slice(0, 7) ?? '?')}, ${report.baseline.reason}, ${report.baseline.runs} runs · current: ${escapeMarkdown(report.current.git.branch ?? '?')}@${escapeMarkdown(report.current.git.sha?.slice(0, 7) ?? '?')} — ${escapeMarkdown(report.current.git.subject ?? '')}</sub>`,
      '',
      '| metric | baseline | current | change | |',
      '|---|---:|---:|---:|:-:|',
      ...headline(report.comparisons).map(row),
      '',
    )
  }
  if (report.regressions.length > 0) {
    lines.push(
      '### Top regressions',
      '',
      ...report.regressions.slice(0, 5).map((r) => `- ${escapeMarkdown(r.explanation)}`),
      '',
    )
  }
  const rest = report.comparisons.filter((c) => !headline(report.comparisons).includes(c))
  if (rest.length > 0) {
    lines.push(
      '<details><summary>All metrics</summary>',
      '',
      '| metric | baseline | current | change | |',
      '|---|---:|---:|---:|:-:|',
      ...rest.map(row),
      '',
      '</details>',
      '',
    )
  }
  const budgets = report.current?.budgets ?? []
  if (budgets.length > 0) {
    const failed = budgets.filter((b) => b.status === 'fail').length
    lines.push(
      `<details><summary>Budgets: ${budgets.length - failed} of ${budgets.length} within limits</summary>`,
      '',
      ...budgets.map(
        (b) =>
          `- ${b.status === 'fail' ? '🔴' : b.status === 'warn' ? '🟡' : '🟢'} ${escapeMarkdown(b.message)}`,
      ),
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

function row(c: TrendReport['comparisons'][number]): string {
  return `| ${escapeMarkdown(c.label)} | ${formatValue(c.unit, c.baseline)} | ${formatValue(c.unit, c.value)} | ${formatDelta(c)} | ${MARKS[c.verdict]} |`
}

const VERDICT_EMOJI = { 'no-builds': 'ℹ️', 'no-baseline': 'ℹ️', pass: '🟢', regression: '🔴' } as const

/** The verdict in words (Markdown adds an emoji; the HTML report, viewed where emoji fonts may be missing, does not). */
export function verdictLine(report: TrendReport): string {
  switch (report.verdict) {
    case 'no-builds':
      return 'No build records yet'
    case 'no-baseline':
      return 'First build of this project: no baseline to compare with yet'
    case 'pass':
      return 'No regressions against the baseline'
    case 'regression':
      return `${report.regressions.length} regression${report.regressions.length === 1 ? '' : 's'}: ${report.regressions
        .slice(0, 2)
        .map((r) => escapeMarkdown(r.explanation))
        .join('; ')}`
  }
}
