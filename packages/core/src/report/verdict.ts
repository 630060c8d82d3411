import type { TrendReport } from './trend-report.js'

/**
 * The verdict in plain words, naming every regression's metric (renderers escape it; Markdown adds an emoji, the
 * HTML report, viewed where emoji fonts may be missing, does not).
 */
export function verdictLine(report: TrendReport): string {
  switch (report.verdict) {
    case 'no-builds':
      return 'No build records yet'
    case 'no-baseline':
      return 'First build of this project: no baseline to compare with yet'
    case 'pass':
      return 'No regressions against the baseline'
    case 'regression': {
      const count = report.regressions.length
      return `${count} regression${count === 1 ? '' : 's'}: ${report.regressions.map((r) => r.label).join(', ')}`
    }
  }
}

/** `main@1a2b3c4, merge-base, 12 runs`, or `no baseline`. */
export function baselineLine(report: TrendReport): string {
  if (!report.baseline) return 'no baseline'
  const b = report.baseline.record
  return `baseline: ${b.git.branch ?? '?'}@${b.git.sha?.slice(0, 7) ?? '?'}, ${report.baseline.reason}, ${report.baseline.runs} runs`
}
