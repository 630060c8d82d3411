import type { BudgetOutcome, Logger } from '@shipwatch/core/build'

const MARK = { pass: '✓', warn: '!', fail: '✗', 'no-baseline': '·' } as const

/** Lines for the terminal: problems always, passing rules with `verbose`. */
export function formatOutcomes(outcomes: BudgetOutcome[], log: Logger, verbose: boolean): string[] {
  const c = log.colors
  const color = { pass: c.green, warn: c.yellow, fail: c.red, 'no-baseline': c.dim } as const
  const lines: string[] = []
  for (const o of outcomes) {
    if (o.status === 'pass' && !verbose) continue
    lines.push(color[o.status](`${MARK[o.status]} ${o.message}`))
    for (const detail of o.details) lines.push(`    ${detail}`)
  }
  const counts = (s: BudgetOutcome['status']) => outcomes.filter((o) => o.status === s).length
  lines.push(
    `budgets: ${counts('pass')} passed, ${counts('warn')} warnings, ${counts('fail')} failed${counts('no-baseline') ? `, ${counts('no-baseline')} without baseline` : ''}`,
  )
  return lines
}
