import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { BundleAsset } from './bundle-shape.js'

/** Files Vite copies from `publicDir` into the output: shipped like any asset, but never in the bundle. */
export function readPublicFiles(publicDir: string): BundleAsset[] {
  const files: BundleAsset[] = []
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) {
        const fileName = relative(publicDir, path).split('\\').join('/')
        files.push({ type: 'asset', fileName, name: fileName, source: readFileSync(path) })
      }
    }
  }
  walk(publicDir)
  return files
}
