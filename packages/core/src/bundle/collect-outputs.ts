import { outputKind } from '../format/output-kind.js'
import type { OutputFile } from '../schema/build-record.js'
import type { BundleLike } from './bundle-shape.js'
import type { GraphChunk } from './initial-set.js'
import type { ModuleNamer } from './module-ids.js'

/** An output before sizing: the record fields plus what sizing and the page walk need. */
export interface CollectedOutput {
  file: Omit<OutputFile, 'size' | 'gzip' | 'brotli'>
  /** Read on first use: Rolldown copies a chunk's code across its native boundary when it is first asked for. */
  readonly content: string | Uint8Array
  graph: GraphChunk
  facadeModuleId: string | null
}

/**
 * Reads every chunk and asset of a bundle, in file-name order. `modules` stays empty until `fillModules`, so
 * callers that size the outputs can start compressing first.
 */
export function collectOutputs(bundle: BundleLike): CollectedOutput[] {
  return Object.values(bundle)
    .sort((a, b) => (a.fileName < b.fileName ? -1 : 1))
    .map((item) => {
      if (item.type === 'asset') {
        return {
          file: {
            fileName: item.fileName,
            type: 'asset',
            kind: outputKind(item.fileName),
            name: item.names?.[0] ?? item.name ?? null,
            // What the asset was before hashing (Vite, Rollup 4.20+): its identity across builds.
            ...(item.originalFileNames?.[0] ? { originalName: item.originalFileNames[0] } : {}),
            isEntry: false,
            isDynamicEntry: false,
            imports: [],
            dynamicImports: [],
            modules: [],
          },
          get content() {
            return item.source
          },
          graph: { fileName: item.fileName, imports: [], css: [] },
          facadeModuleId: null,
        }
      }
      const css = item.viteMetadata ? [...item.viteMetadata.importedCss] : []
      return {
        file: {
          fileName: item.fileName,
          type: 'chunk',
          kind: outputKind(item.fileName),
          name: item.name,
          isEntry: item.isEntry,
          isDynamicEntry: item.isDynamicEntry,
          imports: [...item.imports],
          dynamicImports: [...item.dynamicImports],
          ...(css.length > 0 ? { css } : {}),
          modules: [],
        },
        get content() {
          return item.code
        },
        graph: { fileName: item.fileName, imports: item.imports, css },
        facadeModuleId: item.facadeModuleId,
      }
    })
}

/** A module of a chunk with its rendered size. */
export interface ModuleSize {
  id: string
  size: number
}

/**
 * Modules this large are kept in the record one by one; smaller ones count in their chunk's and package's totals. A
 * lower bound makes records of large apps ten times bigger (bench/README.md, record size).
 */
export const MODULE_MIN_BYTES = 2000
/** A chunk's largest modules are kept whatever their size, so a small chunk still says what it holds. */
export const MODULES_ALWAYS_KEPT = 10
/** A chunk's largest modules that get an import chain (with each package's largest): chains cost the most bytes. */
const CHAINED_PER_CHUNK = 3

/**
 * Fills in each chunk's modules (those of `MODULE_MIN_BYTES` or more, and always the 10 largest; largest first),
 * its rendered bytes and bytes per npm package (every module counted) and its facade module, named by `namer` so
 * that builds on different machines agree. Returns the modules worth an import chain — each chunk's 3 largest and
 * each package's largest module in it — raw ids by record name.
 */
export function fillModules(
  outputs: readonly CollectedOutput[],
  bundle: BundleLike,
  namer: ModuleNamer,
): Map<string, string> {
  const chainTargets = new Map<string, string>()
  for (const output of outputs) {
    const item = bundle[output.file.fileName]
    if (item?.type === 'asset' && output.file.originalName)
      output.file.originalName = namer.name(output.file.originalName).id
    if (item?.type !== 'chunk') continue
    const all: (ModuleSize & { raw: string; package: string | null })[] = []
    const packages: Record<string, number> = {}
    // One read per module: Rolldown answers each `renderedLength` across its native boundary.
    for (const raw in item.modules ?? {}) {
      const size = item.modules[raw]!.renderedLength
      if (size <= 0) continue
      const name = namer.name(raw)
      all.push({ id: name.id, size, raw, package: name.package })
      if (name.package) packages[name.package] = (packages[name.package] ?? 0) + size
    }
    // Ties keep bundle order (a stable sort), so two builds of the same code list the same modules.
    all.sort((a, b) => b.size - a.size)
    const kept = all.filter((m, i) => i < MODULES_ALWAYS_KEPT || m.size >= MODULE_MIN_BYTES)
    const chained = new Set<string | null>()
    for (const [i, m] of kept.entries()) {
      if (i < CHAINED_PER_CHUNK || (m.package && !chained.has(m.package))) chainTargets.set(m.id, m.raw)
      chained.add(m.package)
    }
    output.file.modules = kept.map(({ id, size }) => ({ id, size }))
    output.file.rendered = all.reduce((sum, m) => sum + m.size, 0)
    output.file.packages = packages
    if (output.facadeModuleId) output.file.facade = namer.name(output.facadeModuleId).id
  }
  return chainTargets
}
