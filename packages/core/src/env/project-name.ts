import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

/** A project's name in records: its package.json `name`, else its folder's name. */
export function projectName(root: string): string {
  try {
    const name = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: unknown }).name
    if (typeof name === 'string' && name) return name
  } catch {
    // No (readable) package.json: the folder name will do.
  }
  return basename(root)
}
