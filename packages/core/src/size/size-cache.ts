import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Content hash used as the cache key: an unchanged file is never compressed twice. */
export function contentHash(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64url')
}

// Entries a cache file keeps, the most recently used: a build plugin saves after every build, and only the last
// builds' outputs are likely to come back.
const FILE_LIMIT = 4_000

/**
 * Compressed sizes by `<hash>:<algorithm>:<level>`, in memory and optionally persisted as JSON, so the next build
 * of unchanged files (a vendor chunk) compresses nothing. A missing or damaged cache file is an empty cache.
 */
export class SizeCache {
  readonly #entries = new Map<string, number>()
  #dirty = false

  constructor(readonly file: string | null = null) {
    if (file) this.#loadFrom(file)
  }

  get(key: string): number | undefined {
    const size = this.#entries.get(key)
    // A hit moves to the end, which `save` keeps.
    if (size !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, size)
    }
    return size
  }

  set(key: string, size: number): void {
    this.#entries.set(key, size)
    this.#dirty = true
  }

  get entryCount(): number {
    return this.#entries.size
  }

  /** Writes the cache file (atomically) when something changed. */
  save(): void {
    if (!this.file || !this.#dirty) return
    mkdirSync(dirname(this.file), { recursive: true })
    const temp = `${this.file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(Object.fromEntries([...this.#entries].slice(-FILE_LIMIT))))
    renameSync(temp, this.file)
    this.#dirty = false
  }

  #loadFrom(file: string): void {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
      for (const [key, value] of Object.entries(data))
        if (typeof value === 'number') this.#entries.set(key, value)
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
  }
}
