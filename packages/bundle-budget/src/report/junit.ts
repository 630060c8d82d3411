import type { BudgetOutcome } from '@shipwatch/core'
import { renderJunitSuite } from '@shipwatch/core'

/** JUnit XML: one test case per rule × subject; failures fail, warnings pass with their message in system-out. */
export function renderJunit(outcomes: BudgetOutcome[]): string {
  return renderJunitSuite(
    'bundle-budget',
    'bundle-budget',
    outcomes.map((o) => ({
      classname: 'bundle-budget',
      name: `${o.rule} › ${o.target}`,
      ...(o.status === 'fail'
        ? { failure: { message: o.message, text: [o.message, ...o.details].join('\n') } }
        : {}),
      ...(o.status === 'no-baseline' ? { skipped: o.message } : {}),
      ...(o.status === 'warn' ? { output: o.message } : {}),
    })),
  )
}
