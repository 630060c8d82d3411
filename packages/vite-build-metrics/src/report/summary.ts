import {
  attributeChanges,
  type Baseline,
  type BuildRecord,
  describeAttribution,
  describeBaseline,
  describeCompression,
  formatBytes,
  formatDuration,
  formatPercentChange,
  type Logger,
} from '@shipwatch/core/build'
import { overlapped } from '../timing/hook-timer.js'

const STATUS_MARK = { good: '✓', warning: '!', critical: '✗' } as const

/** The compact summary printed after a build: total and status, phases, costliest hooks, largest outputs, change. */
export function renderSummary(record: BuildRecord, baseline: Baseline | null, log: Logger): string[] {
  const c = log.colors
  const statusColor = record.status === 'good' ? c.green : record.status === 'warning' ? c.yellow : c.red
  const env = record.environment ? ` [${record.environment}]` : ''
  const failed = record.outcome.result === 'failed'
  const verdict = failed ? c.red('✗ failed') : statusColor(`${STATUS_MARK[record.status]} ${record.status}`)
  const lines = [
    `${verdict} ${c.bold(formatDuration(record.durationMs))}${env} — ${record.modules.total} modules, ${record.outputs.length} files`,
    ...record.outcome.reasons.map((reason) => `  ${c.red(`${reason.kind}:`)} ${reason.message}`),
    `  phases: ${record.phases.map((p) => `${p.name} ${formatDuration(p.durationMs)}`).join(' · ')}`,
  ]
  if (record.bundlerInternalMs !== null) {
    lines.push(`  bundler-internal (native plugins, bundling): ${formatDuration(record.bundlerInternalMs)}`)
  }
  const hooks = costliestHooks(record, 5)
  if (hooks.length > 0) {
    lines.push('  costliest plugin hooks:')
    for (const h of hooks) lines.push(`    ${h.label.padEnd(40)} ${h.text}`)
  }
  const gzipLabel = record.compression.gzip ? describeCompression('gzip', record.compression) : null
  const largest = [...record.outputs]
    .filter((o) => o.kind !== 'map')
    .sort((a, b) => b.size - a.size)
    .slice(0, 5)
  if (largest.length > 0) {
    lines.push(`  largest outputs${gzipLabel ? ` (raw / ${gzipLabel})` : ''}:`)
    for (const o of largest) {
      const gz = o.gzip === undefined ? '' : ` / ${formatBytes(o.gzip)}`
      lines.push(`    ${o.fileName.padEnd(40)} ${formatBytes(o.size)}${gz}`)
    }
  }
  // A failed build's outputs are not comparable: a drop to zero would say nothing.
  if (baseline && !failed) {
    lines.push(`  vs ${describeBaseline(baseline)}: ${changeLine(record, baseline.record)}`)
    const changes = describeAttribution(attributeChanges(baseline.record, record), { outputs: 5, perItem: 3 })
    lines.push(...changes.map((line) => `  ${line}`))
  }
  return lines
}

interface HookCost {
  label: string
  ms: number
  text: string
}

function costliestHooks(record: BuildRecord, count: number): HookCost[] {
  const costs: HookCost[] = []
  for (const plugin of record.plugins) {
    for (const [hook, t] of Object.entries(plugin.hooks)) {
      // Concurrent calls: the sum is not a cost; rank by wall time the hook kept busy and say so.
      const concurrent = overlapped(t)
      const ms = concurrent ? t.busyMs : t.totalMs
      const text = `${formatDuration(ms)}${concurrent ? ' busy (calls overlapped)' : ''} · ${t.calls} ${t.calls === 1 ? 'call' : 'calls'}`
      costs.push({ label: `${plugin.name} › ${hook}`, ms, text })
    }
  }
  return costs.sort((a, b) => b.ms - a.ms).slice(0, count)
}

function changeLine(record: BuildRecord, previous: BuildRecord): string {
  const total = (r: BuildRecord) => r.outputs.filter((o) => o.kind !== 'map').reduce((s, o) => s + o.size, 0)
  const bytes = total(record) - total(previous)
  return [
    `time ${formatPercentChange(record.durationMs, previous.durationMs)}`,
    `size ${formatBytes(bytes, { signed: true })}`,
    `modules ${record.modules.total - previous.modules.total >= 0 ? '+' : ''}${record.modules.total - previous.modules.total}`,
  ].join(', ')
}
