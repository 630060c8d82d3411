import { relative } from 'node:path'
import { initialReferences } from '../html/initial-references.js'
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
 * HTML entries), its static imports transitively, and their CSS. Pages that share an entry script have no entry of
 * their own (the chunk's facade is the script): their set starts from the chunks and sheets the HTML loads.
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
      const files = entry ? initialFiles(entry, graph) : fromHtml(page, graph)
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

function fromHtml(page: CollectedOutput, graph: ReadonlyMap<string, GraphChunk>): string[] {
  const html = Buffer.from(page.content).toString('utf8')
  const loaded = initialReferences(html, page.file.fileName, new Set(graph.keys()))
  const walked = loaded.flatMap((file) => (graph.get(file)?.imports ? initialFiles(file, graph) : [file]))
  // JS first, then CSS, as initialFiles orders one entry's set.
  const unique = [...new Set(walked)]
  return [...unique.filter((f) => !f.endsWith('.css')), ...unique.filter((f) => f.endsWith('.css'))]
}

function toPosix(path: string): string {
  return path.split('\\').join('/')
}
