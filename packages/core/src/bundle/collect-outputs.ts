import { outputKind } from '../format/output-kind.js'
import type { OutputFile } from '../schema/build-record.js'
import type { BundleLike } from './bundle-shape.js'
import type { GraphChunk } from './initial-set.js'

/** An output before sizing: the record fields plus what sizing and the page walk need. */
export interface CollectedOutput {
  file: Omit<OutputFile, 'size' | 'gzip' | 'brotli'>
  /** Read on first use: Rolldown copies a chunk's code across its native boundary when it is first asked for. */
  readonly content: string | Uint8Array
  graph: GraphChunk
  facadeModuleId: string | null
}

const TOP_MODULES = 10

/**
 * Reads every chunk and asset of a bundle, in file-name order. `topModules` stays empty until `fillTopModules`, so
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
            isEntry: false,
            isDynamicEntry: false,
            imports: [],
            dynamicImports: [],
            topModules: [],
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
          topModules: [],
        },
        get content() {
          return item.code
        },
        graph: { fileName: item.fileName, imports: item.imports, css },
        facadeModuleId: item.facadeModuleId,
      }
    })
}

/** A chunk's largest modules, largest first. */
export type TopModules = { id: string; size: number }[]

/** Fills in the largest modules of each chunk output, by rendered length. */
export function fillTopModules(outputs: readonly CollectedOutput[], bundle: BundleLike): void {
  for (const output of outputs) {
    const item = bundle[output.file.fileName]
    if (item?.type === 'chunk') output.file.topModules = topModules(item.modules)
  }
}

/**
 * The largest modules of a chunk, ties in bundle order. One pass keeping a short sorted list: Rolldown answers each
 * `renderedLength` across its native boundary, and a chunk may hold thousands of modules.
 */
function topModules(modules: Record<string, { renderedLength: number }>): TopModules {
  const top: TopModules = []
  for (const id in modules ?? {}) {
    const size = modules[id]!.renderedLength
    if (size <= 0 || (top.length === TOP_MODULES && size <= top[TOP_MODULES - 1]!.size)) continue
    if (top.length === TOP_MODULES) top.pop()
    let at = top.length
    while (at > 0 && top[at - 1]!.size < size) at--
    top.splice(at, 0, { id, size })
  }
  return top.map((m) => ({ id: cleanModuleId(m.id), size: m.size }))
}

/** How the largest modules name a virtual module (`\0id`): the NUL would not survive most reports. */
export const VIRTUAL_PREFIX = '(virtual) '

/** Module ids without the root prefix noise of virtual modules. */
export function cleanModuleId(id: string): string {
  return id.startsWith('\0') ? `${VIRTUAL_PREFIX}${id.slice(1)}` : id
}
