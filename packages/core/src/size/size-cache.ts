import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Content hash used as the cache key: an unchanged file is never compressed twice. */
export function contentHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url')
}

/**
 * Compressed sizes by `<hash>:<algorithm>:<level>`, in memory and optionally persisted as JSON so a CLI re-check
 * of unchanged files compresses nothing. A missing or damaged cache file is simply an empty cache.
 */
// One in-process map for every calculator that asks to share (the build plugins): with metrics and budgets in one
// build, the second plugin finds every output already compressed. Global, because each plugin may bundle its own
// copy of core; bounded, because watch mode rebuilds forever.
const SHARED = Symbol.for('shipwatch.size-cache')
const SHARED_LIMIT = 50_000

function sharedEntries(): Map<string, number> {
  const holder = globalThis as { [SHARED]?: Map<string, number> }
  holder[SHARED] ??= new Map()
  return holder[SHARED]
}

export class SizeCache {
  readonly #entries: Map<string, number>
  readonly #shared: boolean
  #dirty = false

  constructor(
    readonly file: string | null = null,
    options: { shared?: boolean } = {},
  ) {
    this.#shared = Boolean(options.shared) && !file
    this.#entries = this.#shared ? sharedEntries() : new Map()
    if (file) this.#loadFrom(file)
  }

  get(key: string): number | undefined {
    return this.#entries.get(key)
  }

  set(key: string, size: number): void {
    if (this.#shared && this.#entries.size >= SHARED_LIMIT) this.#entries.clear()
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
    writeFileSync(temp, JSON.stringify(Object.fromEntries(this.#entries)))
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
