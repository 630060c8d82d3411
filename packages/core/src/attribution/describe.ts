import { MODULE_MIN_BYTES } from '../bundle/collect-outputs.js'
import { formatBytes } from '../format/bytes.js'
import type {
  Attribution,
  ModuleChange,
  OutputChange,
  PackageChange,
  PageChange,
  SizeChange,
} from './attribute.js'

/** `src/routes/reports.ts +24.50 kB (new)`. */
export function describeModuleChange(c: ModuleChange): string {
  const note = c.before === null ? ' (new)' : c.after === null ? ' (removed)' : ''
  return `${c.id} ${formatBytes(c.delta, { signed: true })}${note}`
}

/** `dayjs +7.10 kB (added, 1.11.13)`, `left-pad 1.0.0 → 2.0.0 +120 B`, `lodash +3 kB (1 → 2 versions)`. */
export function describePackageChange(c: PackageChange): string {
  const [b, a] = [c.before.versions, c.after.versions]
  const delta = formatBytes(c.delta, { signed: true })
  if (b.length === 0) return `${c.name} ${delta} (added, ${a.join(' + ')})`
  if (a.length === 0) return `${c.name} ${delta} (removed, was ${b.join(' + ')})`
  if (b.join() === a.join()) return `${c.name} ${delta}`
  return `${c.name} ${b.join(' + ')} → ${a.join(' + ')} ${delta}`
}

/** `+8.31 kB (gzip +2.90 kB)`. */
export function describeSizeChange(d: SizeChange): string {
  const gzip = d.gzip === null ? '' : ` (gzip ${formatBytes(d.gzip, { signed: true })})`
  return `${formatBytes(d.size, { signed: true })}${gzip}`
}

/** How an output changed when not in place: `new`, `removed`, `was assets/reports-B7x9Qk2a.js`; else empty. */
export function describeOutputStatus(c: OutputChange): string {
  if (c.status === 'added') return 'new'
  if (c.status === 'removed') return 'removed'
  return c.status === 'renamed' ? `was ${c.before!.fileName}` : ''
}

/** `assets/reports.js (src/routes/reports.ts): +8.31 kB (gzip +2.90 kB)`, with how it changed when not in place. */
export function describeOutputChange(c: OutputChange): string {
  const source = c.source && c.source !== c.label ? ` (${c.source})` : ''
  const how = describeOutputStatus(c)
  return `${c.label}${source}: ${describeSizeChange(c.delta)}${how ? `, ${how}` : ''}`
}

/** `initial load of about.html: +2.00 kB (gzip +812 B)`. */
export function describePageChange(p: PageChange): string {
  const how = p.before === null ? ', new page' : p.after === null ? ', page removed' : ''
  return `initial load of ${p.html}: ${describeSizeChange(p.delta)}${how}`
}

/** The modules not recorded one by one. */
export const SMALL_MODULES = `modules under ${formatBytes(MODULE_MIN_BYTES)}`

/** `modules under 2.00 kB +340 B`: what the modules not recorded one by one add up to. */
export function describeSmallModules(delta: number): string {
  return `${SMALL_MODULES} ${formatBytes(delta, { signed: true })}`
}

/** `index.html → src/main.ts → src/routes/reports.ts`. */
export function describeChain(chain: readonly string[]): string {
  return chain.join(' → ')
}

export interface DescribeLimits {
  /** Changed outputs listed. @default 10 */
  outputs?: number
  /** Modules and packages listed per output or page. @default 5 */
  perItem?: number
}

/**
 * The attribution as plain lines (terminal, `diff` text), most important first: changed pages, changed outputs
 * with their modules and packages, then package additions, removals and duplicates. Unchanged outputs are counted.
 */
export function describeAttribution(a: Attribution, limits: DescribeLimits = {}): string[] {
  const perItem = limits.perItem ?? 5
  const lines: string[] = []
  const detail = (
    modules: readonly ModuleChange[],
    packages: readonly PackageChange[],
    small: number | null,
  ) => {
    for (const m of modules.slice(0, perItem)) {
      lines.push(`    ${describeModuleChange(m)}`)
      if (m.chain && m.chain.length > 1)
        lines.push(`      imported by ${describeChain(m.chain.slice(0, -1))}`)
    }
    if (modules.length > perItem) lines.push(`    … ${modules.length - perItem} more modules`)
    if (small) lines.push(`    ${describeSmallModules(small)}`)
    if (packages.length > 0)
      lines.push(`    packages: ${packages.slice(0, perItem).map(describePackageChange).join(', ')}`)
  }
  for (const page of a.pages.filter((p) => p.delta.size !== 0 || p.before === null || p.after === null))
    lines.push(
      `  ${describePageChange(page)}${page.outputs.length > 0 ? ` — ${page.outputs.join(', ')}` : ''}`,
    )
  const changed = a.outputs.filter((o) => o.status !== 'unchanged')
  for (const o of changed.slice(0, limits.outputs ?? 10)) {
    lines.push(`  ${describeOutputChange(o)}`)
    detail(o.modules, o.packages, o.smallModules)
  }
  if (changed.length > (limits.outputs ?? 10))
    lines.push(`  … ${changed.length - (limits.outputs ?? 10)} more changed outputs`)
  const unchanged = a.outputs.length - changed.length
  if (unchanged > 0) lines.push(`  ${unchanged} output${unchanged === 1 ? '' : 's'} unchanged`)
  lines.push(...describePackages(a).map((line) => `  ${line}`))
  if (!a.modulesComparable)
    lines.push('  the baseline recorded no per-module sizes (an older record): module changes are one-sided')
  return lines
}

/** Packages added, removed and bundled in two or more versions. */
export function describePackages(a: Attribution): string[] {
  const lines: string[] = []
  if (a.packages.added.length > 0) lines.push(`packages added: ${a.packages.added.join(', ')}`)
  if (a.packages.removed.length > 0) lines.push(`packages removed: ${a.packages.removed.join(', ')}`)
  for (const d of a.packages.duplicated)
    lines.push(`${d.name} is bundled in ${d.versions.length} versions: ${d.versions.join(', ')}`)
  return lines
}
