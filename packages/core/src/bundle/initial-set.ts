/** The part of a chunk the initial-set walk needs; built from a Rollup/Rolldown/Vite bundle or a record. */
export interface GraphChunk {
  fileName: string
  /** Static imports (file names), not dynamic ones. */
  imports: readonly string[]
  /** CSS files the chunk loads (Vite's `viteMetadata.importedCss`). */
  css: readonly string[]
}

/**
 * The files a page loads before it is usable: its entry chunk, the chunks it imports statically (transitively),
 * and their CSS — the set Vite preloads with `<link rel="modulepreload">` (`getImportedChunks` in Vite's html
 * plugin walks `chunk.imports` the same way). Order: entry, then imports depth-first, then CSS.
 */
export function initialFiles(entry: string, chunks: ReadonlyMap<string, GraphChunk>): string[] {
  const js: string[] = []
  const css = new Set<string>()
  const seen = new Set<string>()
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return
    seen.add(fileName)
    const chunk = chunks.get(fileName)
    js.push(fileName)
    if (!chunk) return
    for (const imported of chunk.imports) visit(imported)
    for (const sheet of chunk.css) css.add(sheet)
  }
  visit(entry)
  return [...js, ...css]
}
