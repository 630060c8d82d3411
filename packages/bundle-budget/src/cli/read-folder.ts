import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative } from 'node:path'
import { outputKind } from '@shipwatch/core/lite'
import type { UnsizedFile } from '../check.js'

/** Every file of a build output folder, for budgets on any framework's output. */
export function readOutputFolder(dir: string): UnsizedFile[] {
  const files: UnsizedFile[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) {
        const fileName = relative(dir, path).split('\\').join('/')
        files.push({
          fileName,
          kind: outputKind(fileName),
          content: readFileSync(path),
          isEntry: false,
          name: null,
          topModules: [],
        })
      }
    }
  }
  walk(dir)
  return files.sort((a, b) => (a.fileName < b.fileName ? -1 : 1))
}

/**
 * A page's initial files, read from the HTML itself: module scripts, modulepreloads and stylesheets that point at
 * files in the folder — exactly what Vite writes for the entry chunk, its static imports and their CSS.
 */
export function pagesFromHtml(files: UnsizedFile[]): { html: string; files: string[] }[] {
  const known = new Set(files.map((f) => f.fileName))
  return files
    .filter((f) => f.kind === 'html')
    .map((page) => {
      const html = Buffer.from(page.content).toString('utf8')
      const refs = [
        ...[...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]!),
        ...[
          ...html.matchAll(
            /<link\b[^>]*\brel=["'](?:modulepreload|stylesheet)["'][^>]*\bhref=["']([^"']+)["']/gi,
          ),
        ].map((m) => m[1]!),
        ...[
          ...html.matchAll(
            /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["'](?:modulepreload|stylesheet)["']/gi,
          ),
        ].map((m) => m[1]!),
      ]
      const resolved = refs
        .filter((ref) => !/^[a-z]+:\/\//i.test(ref) && !ref.startsWith('//'))
        .map((ref) => {
          const path = ref.split(/[?#]/)[0]!
          return path.startsWith('/') ? path.slice(1) : posix.join(dirname(page.fileName), path)
        })
        .filter((file) => known.has(file))
      return { html: page.fileName, files: [...new Set(resolved)] }
    })
}
