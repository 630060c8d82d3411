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

/** Modules this large are kept in the record one by one; smaller ones count in their package's total. */
export const MODULE_MIN_BYTES = 512
/** A chunk's largest modules are kept whatever their size, so a small chunk still says what it holds. */
const ALWAYS_KEPT = 10

/**
 * Fills in each chunk's modules (those of `MODULE_MIN_BYTES` or more, and always the 10 largest; largest first),
 * its bytes per npm package (every module counted) and its facade module, named by `namer` so that builds on
 * different machines agree. Returns each kept module's raw id by its record name, for import chains.
 */
export function fillModules(
  outputs: readonly CollectedOutput[],
  bundle: BundleLike,
  namer: ModuleNamer,
): Map<string, string> {
  const rawIds = new Map<string, string>()
  for (const output of outputs) {
    const item = bundle[output.file.fileName]
    if (item?.type === 'asset' && output.file.originalName)
      output.file.originalName = namer.name(output.file.originalName).id
    if (item?.type !== 'chunk') continue
    const all: (ModuleSize & { raw: string })[] = []
    const packages: Record<string, number> = {}
    // One read per module: Rolldown answers each `renderedLength` across its native boundary.
    for (const raw in item.modules ?? {}) {
      const size = item.modules[raw]!.renderedLength
      if (size <= 0) continue
      const name = namer.name(raw)
      all.push({ id: name.id, size, raw })
      if (name.package) packages[name.package] = (packages[name.package] ?? 0) + size
    }
    // Ties keep bundle order (a stable sort), so two builds of the same code list the same modules.
    all.sort((a, b) => b.size - a.size)
    const kept = all.filter((m, i) => i < ALWAYS_KEPT || m.size >= MODULE_MIN_BYTES)
    for (const m of kept) rawIds.set(m.id, m.raw)
    output.file.modules = kept.map(({ id, size }) => ({ id, size }))
    output.file.packages = packages
    if (output.facadeModuleId) output.file.facade = namer.name(output.facadeModuleId).id
  }
  return rawIds
}
