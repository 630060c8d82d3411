import { formatBytes } from '../format/bytes.js'
import { type Measurement, sizeOf, stableName } from './measure.js'
import type { ResolvedRule } from './resolve-rules.js'

/** `node_modules/lodash-es/…` → `lodash-es`; scoped packages keep their scope; source files → `(your code)`. */
export function packageOf(moduleId: string): string {
  const match = /[/\\]node_modules[/\\](@[^/\\]+[/\\][^/\\]+|[^/\\]+)/.exec(
    moduleId.replace(/\.pnpm[/\\][^/\\]+[/\\]node_modules[/\\]/, ''),
  )
  return match ? match[1]!.replace(/\\/g, '/') : '(your code)'
}

/** Lines that say where the bytes of an overrun are: biggest files, modules and packages, and what grew. */
export function explainOverrun(
  m: Measurement,
  base: Measurement | null,
  rule: Pick<ResolvedRule, 'compression'>,
): string[] {
  const lines: string[] = []
  const modules = m.files.flatMap((f) => f.topModules.map((mod) => ({ ...mod, file: f.fileName })))
  const byPackage = new Map<string, number>()
  for (const mod of modules)
    byPackage.set(packageOf(mod.id), (byPackage.get(packageOf(mod.id)) ?? 0) + mod.size)
  const packages = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 3)
  if (packages.length > 0) {
    lines.push(
      `largest packages (rendered): ${packages.map(([name, size]) => `${name} ${formatBytes(size)}`).join(', ')}`,
    )
  }
  const top = [...modules].sort((a, b) => b.size - a.size).slice(0, 3)
  if (top.length > 0)
    lines.push(
      `largest modules: ${top.map((mod) => `${shortId(mod.id)} ${formatBytes(mod.size)}`).join(', ')}`,
    )
  if (base) {
    const before = new Map(base.files.map((f) => [stableName(f.fileName), sizeOf(f, rule)]))
    const deltas = m.files
      .map((f) => ({ file: f, delta: sizeOf(f, rule) - (before.get(stableName(f.fileName)) ?? 0) }))
      .filter((d) => d.delta !== 0)
      .sort((a, b) => b.delta - a.delta)
      .slice(0, 3)
    for (const { file, delta } of deltas) {
      const mostly = file.topModules[0]
        ? `, mostly ${packageOf(file.topModules[0].id) === '(your code)' ? shortId(file.topModules[0].id) : `node_modules/${packageOf(file.topModules[0].id)}`}`
        : ''
      lines.push(
        `${file.fileName}: ${formatBytes(delta, { signed: true })}${rule.compression === 'none' ? '' : ` ${rule.compression}`} vs baseline${mostly}`,
      )
    }
  }
  return lines
}

function shortId(id: string): string {
  const nm = id.lastIndexOf('node_modules/')
  if (nm !== -1) return id.slice(nm)
  const src = id.search(/[/\\]src[/\\]/)
  return src === -1 ? id : id.slice(src + 1)
}
