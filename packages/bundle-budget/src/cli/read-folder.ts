import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { UnsizedFile } from '@shipwatch/core'
import { outputKind } from '@shipwatch/core'
import { initialReferences } from '@shipwatch/core/html'

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
          modules: [],
        })
      }
    }
  }
  walk(dir)
  return files.sort((a, b) => (a.fileName < b.fileName ? -1 : 1))
}

/**
 * Each page's initial files in the folder (see `initialReferences` in core), whatever `base` the app was built with:
 * `/app/assets/x.js` and a CDN URL both find `assets/x.js`.
 */
export function pagesFromHtml(files: UnsizedFile[]): { html: string; files: string[] }[] {
  const known = new Set(files.map((f) => f.fileName))
  return files
    .filter((f) => f.kind === 'html')
    .map((page) => ({
      html: page.fileName,
      files: initialReferences(Buffer.from(page.content).toString('utf8'), page.fileName, known),
    }))
}
