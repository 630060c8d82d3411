import type { Logger, TrendReport } from '@shipwatch/core'
import { describeAttribution, formatBytes, formatDuration } from '@shipwatch/core'

const MARK = { regression: '▲', improvement: '▼', unchanged: '·', new: '+', 'not judged': '?' } as const

/** The compact coloured table printed by `build-metrics report`. */
export function formatTerminalReport(report: TrendReport, log: Logger): string[] {
  const c = log.colors
  if (!report.current) return ['no build records yet: run a build with the plugin first']
  if (!report.baseline) return ['first build of this project: nothing to compare with yet']
  const b = report.baseline.record
  const lines = [
    report.verdict === 'regression'
      ? c.red(`✗ ${report.regressions.length} regression(s)`)
      : c.green('✓ no regressions'),
    c.dim(
      `baseline ${b.git.branch ?? '?'}@${b.git.sha?.slice(0, 7) ?? '?'} (${report.baseline.reason}, ${report.baseline.runs} runs)`,
    ),
  ]
  for (const r of report.regressions) lines.push(c.red(`  ▲ ${r.explanation}`))
  if (report.attribution) lines.push('what changed:', ...describeAttribution(report.attribution))
  lines.push('metrics:')
  const shown = report.comparisons.filter(
    (m) =>
      m.verdict === 'improvement' ||
      (m.verdict !== 'regression' && /^(time\.total|bytes\.total|count\.modules)/.test(m.id)),
  )
  for (const m of shown) {
    const value = (v: number | null) =>
      v === null ? '—' : m.unit === 'bytes' ? formatBytes(v) : m.unit === 'ms' ? formatDuration(v) : String(v)
    const color =
      m.verdict === 'regression' ? c.red : m.verdict === 'improvement' ? c.green : (s: string) => s
    lines.push(
      color(
        `  ${MARK[m.verdict]} ${m.label.padEnd(36)} ${value(m.baseline).padStart(10)} → ${value(m.value).padStart(10)}   ${m.explanation}`,
      ),
    )
  }
  return lines
}
