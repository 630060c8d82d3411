import type { Attribution, ModuleChange, OutputChange } from '../attribution/attribute.js'
import {
  describeChain,
  describeOutputStatus,
  describePackageChange,
  describePackages,
  describePageChange,
  describeSizeChange,
  SMALL_MODULES,
} from '../attribution/describe.js'
import { formatBytes } from '../format/bytes.js'
import { escapeMarkdown as md } from './escape.js'

export interface MarkdownLimits {
  /** Changed outputs shown with their modules. @default 10 */
  outputs?: number
  /** Modules per output. @default 8 */
  modules?: number
}

/** "What changed": pages, then each changed output with its modules, packages and import chains; unchanged collapsed. */
export function renderAttributionMarkdown(a: Attribution, limits: MarkdownLimits = {}): string[] {
  const lines = ['### What changed', '']
  const pages = a.pages.filter((p) => p.delta.size !== 0 || p.before === null || p.after === null)
  for (const page of pages)
    lines.push(
      `- **${md(describePageChange(page))}**${page.outputs.length > 0 ? ` — ${md(page.outputs.join(', '))}` : ''}`,
    )
  if (pages.length > 0) lines.push('')
  const changed = a.outputs.filter((o) => o.status !== 'unchanged')
  const shown = limits.outputs ?? 10
  for (const o of changed.slice(0, shown)) lines.push(...outputSection(o, limits.modules ?? 8))
  if (changed.length > shown)
    lines.push(`… and ${changed.length - shown} more changed outputs (see report.json)`, '')
  if (changed.length === 0) lines.push('No output changed.', '')
  const packages = describePackages(a)
  if (packages.length > 0) lines.push(...packages.map((line) => `- ${md(line)}`), '')
  const unchanged = a.outputs.filter((o) => o.status === 'unchanged')
  if (unchanged.length > 0) {
    lines.push(
      `<details><summary>${unchanged.length} output${unchanged.length === 1 ? '' : 's'} unchanged</summary>`,
      '',
      ...unchanged.map((o) => `- ${md(o.label)} ${formatBytes(o.after?.size ?? 0)}`),
      '',
      '</details>',
      '',
    )
  }
  if (!a.modulesComparable)
    lines.push(
      '<sub>The baseline recorded no per-module sizes (an older record): module changes are one-sided.</sub>',
      '',
    )
  return lines
}

function outputSection(o: OutputChange, maxModules: number): string[] {
  const source = o.source && o.source !== o.label ? ` (${md(o.source)})` : ''
  const status = describeOutputStatus(o)
  const how = status ? ` — ${md(status)}` : ''
  const lines = [`#### ${md(o.label)}${source}: ${md(describeSizeChange(o.delta))}${how}`, '']
  if (o.modules.length > 0 || o.smallModules) {
    lines.push('| module (rendered size) | before | after | change |', '|---|---:|---:|---:|')
    for (const m of o.modules.slice(0, maxModules)) lines.push(moduleRow(m))
    if (o.modules.length > maxModules) lines.push(`| … ${o.modules.length - maxModules} more | | | |`)
    if (o.smallModules)
      lines.push(`| ${SMALL_MODULES} | | | ${formatBytes(o.smallModules, { signed: true })} |`)
    lines.push('')
  }
  if (o.packages.length > 0)
    lines.push(`Packages: ${o.packages.map((p) => md(describePackageChange(p))).join(', ')}`, '')
  const chained = o.modules.slice(0, maxModules).filter((m) => m.chain && m.chain.length > 1)
  for (const m of chained)
    lines.push(`- ${md(m.id)} is imported by ${md(describeChain(m.chain!.slice(0, -1)))}`)
  if (chained.length > 0) lines.push('')
  return lines
}

function moduleRow(m: ModuleChange): string {
  const size = (n: number | null) => (n === null ? '—' : formatBytes(n))
  const note = m.before === null ? ' (new)' : m.after === null ? ' (removed)' : ''
  return `| ${md(m.id)}${note} | ${size(m.before)} | ${size(m.after)} | ${formatBytes(m.delta, { signed: true })} |`
}
