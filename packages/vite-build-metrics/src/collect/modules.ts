import { isAbsolute } from 'node:path'
import type { BuildRecord } from '@shipwatch/core'

/**
 * Module counts: total, from source vs node_modules, and by extension. Virtual modules (`\0…`, `virtual:…`,
 * Rolldown's `rolldown:runtime`: anything that is not an absolute path) count in the total only.
 */
export function countModules(ids: Iterable<string>): BuildRecord['modules'] {
  let total = 0
  let source = 0
  let nodeModules = 0
  const byExtension: Record<string, number> = {}
  for (const id of ids) {
    total++
    const path = withoutQuery(id)
    if (!isAbsolute(path)) continue
    if (path.includes('/node_modules/') || path.includes('\\node_modules\\')) nodeModules++
    else source++
    const ext = extensionOf(path) || '(none)'
    byExtension[ext] = (byExtension[ext] ?? 0) + 1
  }
  return { total, source, nodeModules, byExtension }
}

function withoutQuery(id: string): string {
  const q = id.indexOf('?')
  const h = id.indexOf('#')
  const cut = q === -1 ? h : h === -1 ? q : Math.min(q, h)
  return cut === -1 ? id : id.slice(0, cut)
}

/** `path.extname` for either separator, including its rule that a leading dot (`.env`) is no extension. */
function extensionOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? path.slice(dot) : ''
}
