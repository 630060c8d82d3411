import { relative } from 'node:path'
import type { PageInitial } from '../schema/build-record.js'
import type { CollectedOutput } from './collect-outputs.js'
import { type GraphChunk, initialFiles } from './initial-set.js'

export interface SizedFile {
  size: number
  gzip?: number
  brotli?: number
}

/**
 * For each emitted HTML page, its initial set: the entry chunk whose facade is that HTML file (how Vite names
 * HTML entries), its static imports transitively, and their CSS.
 */
export function collectPages(
  outputs: readonly CollectedOutput[],
  sizes: ReadonlyMap<string, SizedFile>,
  root: string,
): PageInitial[] {
  const graph = new Map<string, GraphChunk>(outputs.map((o) => [o.file.fileName, o.graph]))
  const entryByPage = new Map<string, string>()
  for (const output of outputs) {
    if (output.file.isEntry && output.facadeModuleId?.endsWith('.html')) {
      entryByPage.set(toPosix(relative(root, output.facadeModuleId)), output.file.fileName)
    }
  }
  return outputs
    .filter((o) => o.file.kind === 'html')
    .map((page) => {
      const entry = entryByPage.get(page.file.fileName)
      const files = entry ? initialFiles(entry, graph) : []
      return { html: page.file.fileName, initial: sumSizes(files, sizes) }
    })
}

export function sumSizes(files: string[], sizes: ReadonlyMap<string, SizedFile>): PageInitial['initial'] {
  let size = 0
  let gzip: number | undefined
  let brotli: number | undefined
  for (const file of files) {
    const s = sizes.get(file)
    if (!s) continue
    size += s.size
    if (s.gzip !== undefined) gzip = (gzip ?? 0) + s.gzip
    if (s.brotli !== undefined) brotli = (brotli ?? 0) + s.brotli
  }
  return { files, size, ...(gzip === undefined ? {} : { gzip }), ...(brotli === undefined ? {} : { brotli }) }
}

function toPosix(path: string): string {
  return path.split('\\').join('/')
}
