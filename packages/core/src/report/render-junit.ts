import { renderJunitSuite } from './junit.js'
import type { TrendReport } from './trend-report.js'

/** JUnit XML for the gate: one test case per compared metric; regressions fail, unjudged timings are skipped. */
export function renderTrendJunit(report: TrendReport): string {
  return renderJunitSuite(
    'build-metrics',
    'trend gate',
    report.comparisons.map((c) => ({
      classname: `build-metrics.${c.unit}`,
      name: c.label,
      ...(c.verdict === 'regression' ? { failure: { message: c.explanation } } : {}),
      ...(c.verdict === 'not judged' ? { skipped: c.explanation } : {}),
    })),
  )
}
