import { MODULE_MIN_BYTES, MODULES_ALWAYS_KEPT } from '../bundle/collect-outputs.js'
import { packageName, packageOfModule } from '../bundle/module-ids.js'
import type { BuildRecord, OutputFile, OutputKind } from '../schema/build-record.js'
import { importChain } from './import-chain.js'
import { matchOutputs, type OutputPair, stableName } from './output-identity.js'

/** A module whose rendered size changed. `before: null`: not in the baseline, or under the recorded minimum there. */
export interface ModuleChange {
  id: string
  package: string | null
  before: number | null
  after: number | null
  delta: number
  /** For a module new to the build: entry first, the module last. */
  chain?: string[]
}

/** A package's rendered bytes in one place (a chunk, a page, the build), before and after. */
export interface PackageChange {
  /** `react-dom`, without a version. */
  name: string
  before: { versions: string[]; size: number }
  after: { versions: string[]; size: number }
  delta: number
}

export interface SizeChange {
  size: number
  gzip: number | null
}

export type OutputStatus = 'added' | 'removed' | 'changed' | 'renamed' | 'unchanged'

/** One output across two builds, explained by its modules and packages. */
export interface OutputChange {
  /** How reports name it: its file name without the content hash. */
  label: string
  /** The facade (entry) module of a chunk, the source file of an asset, when recorded. */
  source: string | null
  kind: OutputKind
  status: OutputStatus
  before: { fileName: string; size: number; gzip: number | null } | null
  after: { fileName: string; size: number; gzip: number | null } | null
  delta: SizeChange
  modules: ModuleChange[]
  /** Rendered-size change of the modules too small to be recorded one by one; null when a side did not record it. */
  smallModules: number | null
  packages: PackageChange[]
}

/** A page's initial load across two builds, explained by the outputs in it. */
export interface PageChange {
  html: string
  before: SizeChange | null
  after: SizeChange | null
  delta: SizeChange
  /** Labels of the changed outputs among the page's initial files. */
  outputs: string[]
  modules: ModuleChange[]
  smallModules: number | null
  packages: PackageChange[]
}

/** Every change between two builds, output by output, page by page, package by package. */
export interface Attribution {
  outputs: OutputChange[]
  pages: PageChange[]
  packages: {
    changes: PackageChange[]
    added: string[]
    removed: string[]
    /** Packages bundled in two or more versions in the current build. */
    duplicated: { name: string; versions: string[] }[]
  }
  /** False when the baseline's chunks recorded no package sizes (records before version 3): module attribution is
   * then one-sided. */
  modulesComparable: boolean
}

/** Explains the difference between two build records: outputs by identity, modules and packages by delta. */
export function attributeChanges(before: BuildRecord, after: BuildRecord): Attribution {
  const pairs = matchOutputs(before.outputs, after.outputs)
  const knownBefore = new Set(before.outputs.flatMap((o) => o.modules.map((m) => m.id)))
  const chainFor = (id: string) => (knownBefore.has(id) ? undefined : importChain(after.importers, id))
  const changeOf = new Map(pairs.map((pair) => [pair, outputChange(pair, chainFor)]))
  const outputs = [...changeOf.values()].sort(byImpact)
  const allBefore = packageTotals(before.outputs)
  const allAfter = packageTotals(after.outputs)
  const changes = packageChanges(allBefore, allAfter)
  return {
    outputs,
    pages: pageChanges(before, after, changeOf, chainFor),
    packages: {
      changes,
      added: changes.filter((c) => c.before.versions.length === 0).map((c) => c.name),
      removed: changes.filter((c) => c.after.versions.length === 0).map((c) => c.name),
      duplicated: [...versionsByName(allAfter)]
        .filter(([, versions]) => versions.length > 1)
        .map(([name, versions]) => ({ name, versions })),
    },
    modulesComparable: before.outputs.every((o) => o.type !== 'chunk' || o.packages !== undefined),
  }
}

function outputChange(pair: OutputPair, chainFor: (id: string) => string[] | undefined): OutputChange {
  const { before, after } = pair
  const any = (after ?? before)!
  const delta = sizeDelta(before && sizeOf(before), after && sizeOf(after))
  const [was, is] = [before ? [before] : [], after ? [after] : []]
  const modules = moduleChanges(was, is, chainFor)
  const packages = packageChanges(packageTotals(was), packageTotals(is))
  // Same bytes and modules is unchanged, even when gzip differs by a byte or two: a chunk that only names another
  // chunk's new hash compresses a little differently.
  const same = delta.size === 0 && modules.length === 0 && packages.length === 0
  const status: OutputStatus = !before
    ? 'added'
    : !after
      ? 'removed'
      : pair.match === 'renamed'
        ? 'renamed'
        : same
          ? 'unchanged'
          : 'changed'
  return {
    label: stableName(any.fileName),
    source: any.facade ?? any.originalName ?? null,
    kind: any.kind,
    status,
    before: before && sizeOf(before),
    after: after && sizeOf(after),
    delta,
    modules,
    smallModules: smallModulesDelta(was, is),
    packages,
  }
}

function pageChanges(
  before: BuildRecord,
  after: BuildRecord,
  changeOf: ReadonlyMap<OutputPair, OutputChange>,
  chainFor: (id: string) => string[] | undefined,
): PageChange[] {
  const pages = new Set([...before.pages.map((p) => p.html), ...after.pages.map((p) => p.html)])
  return [...pages].map((html) => {
    const b = before.pages.find((p) => p.html === html) ?? null
    const a = after.pages.find((p) => p.html === html) ?? null
    const inPage = (files: string[] | undefined, side: 'before' | 'after') =>
      [...changeOf.keys()].filter((p) => p[side] && files?.includes(p[side]!.fileName))
    const touched = new Set([...inPage(b?.initial.files, 'before'), ...inPage(a?.initial.files, 'after')])
    const filesBefore = [...touched].flatMap((p) =>
      p.before && b?.initial.files.includes(p.before.fileName) ? [p.before] : [],
    )
    const filesAfter = [...touched].flatMap((p) =>
      p.after && a?.initial.files.includes(p.after.fileName) ? [p.after] : [],
    )
    const size = (page: typeof a) => page && { size: page.initial.size, gzip: page.initial.gzip ?? null }
    return {
      html,
      before: size(b),
      after: size(a),
      delta: sizeDelta(size(b), size(a)),
      outputs: [...touched]
        .map((p) => changeOf.get(p)!)
        .filter((o) => o.status !== 'unchanged')
        .sort(byImpact)
        .map((o) => o.label),
      modules: moduleChanges(filesBefore, filesAfter, chainFor),
      smallModules: smallModulesDelta(filesBefore, filesAfter),
      packages: packageChanges(packageTotals(filesBefore), packageTotals(filesAfter)),
    }
  })
}

/** What module and package attribution reads of an output. */
export type ModuleContent = Pick<OutputFile, 'modules' | 'packages' | 'rendered'>

/** How the modules not recorded one by one changed in size, from each chunk's rendered total; null when unknown. */
export function smallModulesDelta(
  before: readonly ModuleContent[],
  after: readonly ModuleContent[],
): number | null {
  const unlisted = (outputs: readonly ModuleContent[]) => {
    let sum = 0
    for (const o of outputs) {
      if (o.modules.length === 0 && o.rendered === undefined) continue // an asset
      if (o.rendered === undefined) return null
      sum += o.rendered - o.modules.reduce((s, m) => s + m.size, 0)
    }
    return sum
  }
  const [b, a] = [unlisted(before), unlisted(after)]
  return b === null || a === null ? null : a - b
}

/** Module deltas between two sets of outputs, largest change first; unchanged modules left out. */
export function moduleChanges(
  before: readonly ModuleContent[],
  after: readonly ModuleContent[],
  chainFor: (id: string) => string[] | undefined = () => undefined,
): ModuleChange[] {
  const sum = (outputs: readonly ModuleContent[]) => {
    const sizes = new Map<string, number>()
    for (const o of outputs) for (const m of o.modules) sizes.set(m.id, (sizes.get(m.id) ?? 0) + m.size)
    return sizes
  }
  const b = sum(before)
  const a = sum(after)
  // A side lists every module of its outputs when each kept fewer than the 10 always kept; otherwise a module
  // missing there may have been under the recorded minimum, so only a change across that minimum is known.
  const complete = (outputs: readonly ModuleContent[]) =>
    outputs.every((o) => o.modules.length < MODULES_ALWAYS_KEPT)
  const knownAbsent = { before: complete(before), after: complete(after) }
  const changes: ModuleChange[] = []
  for (const id of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(id) ?? null
    const is = a.get(id) ?? null
    const delta = (is ?? 0) - (was ?? 0)
    if (delta === 0) continue
    if (was === null && !knownAbsent.before && is! < MODULE_MIN_BYTES) continue
    if (is === null && !knownAbsent.after && was! < MODULE_MIN_BYTES) continue
    const chain = was === null ? chainFor(id) : undefined
    changes.push({
      id,
      package: packageOfModule(id),
      before: was,
      after: is,
      delta,
      ...(chain ? { chain } : {}),
    })
  }
  return changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.id < y.id ? -1 : 1))
}

/** Rendered bytes per package spec (`name@version`) over some outputs. */
export function packageTotals(outputs: readonly ModuleContent[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const o of outputs)
    for (const [spec, size] of Object.entries(o.packages ?? {}))
      totals.set(spec, (totals.get(spec) ?? 0) + size)
  return totals
}

function versionsByName(totals: ReadonlyMap<string, number>): Map<string, string[]> {
  const byName = new Map<string, string[]>()
  for (const spec of [...totals.keys()].sort()) {
    const name = packageName(spec)
    byName.set(name, [...(byName.get(name) ?? []), spec.slice(name.length + 1)])
  }
  return byName
}

/** Package deltas by name (a version change is one change), largest first; unchanged packages left out. */
export function packageChanges(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): PackageChange[] {
  const side = (totals: ReadonlyMap<string, number>, name: string) => {
    const versions = versionsByName(totals).get(name) ?? []
    const size = versions.reduce((s, v) => s + (totals.get(`${name}@${v}`) ?? 0), 0)
    return { versions, size }
  }
  const names = new Set([...before.keys(), ...after.keys()].map(packageName))
  return [...names]
    .map((name) => {
      const b = side(before, name)
      const a = side(after, name)
      return { name, before: b, after: a, delta: a.size - b.size }
    })
    .filter((c) => c.delta !== 0 || c.before.versions.join() !== c.after.versions.join())
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.name < y.name ? -1 : 1))
}

function sizeOf(o: OutputFile) {
  return { fileName: o.fileName, size: o.size, gzip: o.gzip ?? null }
}

function sizeDelta(before: SizeChange | null, after: SizeChange | null): SizeChange {
  const gzip = (before === null || before.gzip !== null) && (after === null || after.gzip !== null)
  return {
    size: (after?.size ?? 0) - (before?.size ?? 0),
    gzip: gzip ? (after?.gzip ?? 0) - (before?.gzip ?? 0) : null,
  }
}

const STATUS_ORDER: Record<OutputStatus, number> = {
  added: 1,
  removed: 1,
  renamed: 1,
  changed: 1,
  unchanged: 2,
}

function byImpact(a: OutputChange, b: OutputChange): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Math.abs(b.delta.size) - Math.abs(a.delta.size)
}
