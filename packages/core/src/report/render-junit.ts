import { escapeXml } from './escape.js'
import type { TrendReport } from './trend-report.js'

/** JUnit XML for the gate: one test case per compared metric; regressions fail, unjudged timings are skipped. */
export function renderTrendJunit(report: TrendReport): string {
  const cases = report.comparisons.map((c) => {
    const body =
      c.verdict === 'regression'
        ? `<failure message="${escapeXml(c.explanation)}"/>`
        : c.verdict === 'not judged'
          ? `<skipped message="${escapeXml(c.explanation)}"/>`
          : ''
    return `    <testcase classname="build-metrics.${c.unit}" name="${escapeXml(c.label)}">${body}</testcase>`
  })
  const failures = report.regressions.length
  const skipped = report.comparisons.filter((c) => c.verdict === 'not judged').length
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="build-metrics" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="trend gate" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
