import type { BudgetOutcome } from '../rules/evaluate.js'

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!,
  )

/** JUnit XML: one test case per rule × subject; failures fail, warnings pass with their message in system-out. */
export function renderJunit(outcomes: BudgetOutcome[]): string {
  const failures = outcomes.filter((o) => o.status === 'fail').length
  const skipped = outcomes.filter((o) => o.status === 'no-baseline').length
  const cases = outcomes.map((o) => {
    const name = escapeXml(`${o.rule} › ${o.target}`)
    const body =
      o.status === 'fail'
        ? `<failure message="${escapeXml(o.message)}">${escapeXml([o.message, ...o.details].join('\n'))}</failure>`
        : o.status === 'no-baseline'
          ? `<skipped message="${escapeXml(o.message)}"/>`
          : o.status === 'warn'
            ? `<system-out>${escapeXml(o.message)}</system-out>`
            : ''
    return `    <testcase classname="bundle-budget" name="${name}">${body}</testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bundle-budget" tests="${outcomes.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="bundle-budget" tests="${outcomes.length}" failures="${failures}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
