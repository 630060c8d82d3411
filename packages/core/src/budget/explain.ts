import { moduleChanges, packageChanges, packageTotals } from '../attribution/attribute.js'
import { describeModuleChange, describePackageChange } from '../attribution/describe.js'
import { stableName } from '../attribution/output-identity.js'
import { formatBytes } from '../format/bytes.js'
import type { BudgetFile } from './budget-input.js'
import { type Measurement, sizeOf } from './measure.js'
import type { ResolvedRule } from './resolve-rules.js'

/** Most modules, packages and files an explanation names. */
const NAMED = 3

/**
 * Lines that say where the bytes of an overrun are. Against a baseline: what grew — the files by their delta, the
 * modules and packages by their rendered delta. Without one: the largest packages and modules.
 */
export function explainOverrun(
  m: Measurement,
  base: Measurement | null,
  rule: Pick<ResolvedRule, 'compression'>,
): string[] {
  return base ? explainGrowth(m, base, rule) : explainContent(m)
}

function explainGrowth(m: Measurement, base: Measurement, rule: Pick<ResolvedRule, 'compression'>): string[] {
  const lines: string[] = []
  const before = new Map(base.files.map((f) => [identityOf(f), f]))
  const grown = m.files
    .map((f) => {
      const was = before.get(identityOf(f))
      return { file: f, delta: sizeOf(f, rule) - (was ? sizeOf(was, rule) : 0), added: !was }
    })
    .filter((d) => d.delta > 0)
    .sort((a, b) => b.delta - a.delta)
    .slice(0, NAMED)
  const unit = rule.compression === 'none' ? '' : ` ${rule.compression}`
  for (const { file, delta, added } of grown)
    lines.push(
      `${file.fileName}: ${formatBytes(delta, { signed: true })}${unit} vs baseline${added ? ' (new file)' : ''}`,
    )
  const modules = moduleChanges(base.files, m.files).filter((c) => c.delta > 0)
  if (modules.length > 0)
    lines.push(
      `modules that grew (rendered): ${modules.slice(0, NAMED).map(describeModuleChange).join(', ')}`,
    )
  const packages = packageChanges(packageTotals(base.files), packageTotals(m.files)).filter(
    (c) => c.delta > 0,
  )
  if (packages.length > 0)
    lines.push(
      `packages that grew (rendered): ${packages.slice(0, NAMED).map(describePackageChange).join(', ')}`,
    )
  if (lines.length === 0)
    lines.push('nothing grew against the baseline: the limit is lower than the baseline was')
  return lines
}

function explainContent(m: Measurement): string[] {
  const lines: string[] = []
  const modules = m.files.flatMap((f) => f.modules)
  const packages = [...packageTotals(m.files)].sort((a, b) => b[1] - a[1]).slice(0, NAMED)
  if (packages.length > 0) {
    lines.push(
      `largest packages (rendered): ${packages.map(([spec, size]) => `${spec} ${formatBytes(size)}`).join(', ')}`,
    )
  }
  const top = [...modules].sort((a, b) => b.size - a.size).slice(0, NAMED)
  if (top.length > 0)
    lines.push(`largest modules: ${top.map((mod) => `${mod.id} ${formatBytes(mod.size)}`).join(', ')}`)
  return lines
}

function identityOf(file: BudgetFile): string {
  return file.identity ?? stableName(file.fileName)
}
