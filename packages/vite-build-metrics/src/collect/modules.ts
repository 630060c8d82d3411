import { extname, isAbsolute } from 'node:path'
import type { BuildRecord } from '@shipwatch/core/build'

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
    if (!isAbsolute(id)) continue
    // The path ends where a query (`?inline`) or a fragment starts.
    const path = id.split(/[?#]/, 1)[0]!
    if (/[/\\]node_modules[/\\]/.test(path)) nodeModules++
    else source++
    const ext = extname(path.replaceAll('\\', '/')) || '(none)'
    byExtension[ext] = (byExtension[ext] ?? 0) + 1
  }
  return { total, source, nodeModules, byExtension }
}
