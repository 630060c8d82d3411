import { extname, isAbsolute } from 'node:path'
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
    if (!isAbsolute(id.replace(/[?#].*$/, ''))) continue
    if (/[/\\]node_modules[/\\]/.test(id)) nodeModules++
    else source++
    const ext = extname(id.replace(/[?#].*$/, '')) || '(none)'
    byExtension[ext] = (byExtension[ext] ?? 0) + 1
  }
  return { total, source, nodeModules, byExtension }
}
