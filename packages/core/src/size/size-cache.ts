import { createHash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** Content hash used as the cache key: an unchanged file is never compressed twice. */
export function contentHash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url')
}

// Reused by every `hashFile`: a fresh buffer per file would cost the process a page fault per 4 KiB (≈ 650 faults,
// ≈ 8 ms, for the 2.6 MB a typical build writes), more than the reading and hashing themselves.
let readBuffer: Buffer | null = null

/** `contentHash` and size of a file, read in pieces into one reused buffer. Throws when it cannot be read. */
export function hashFile(path: string): { hash: string; size: number } {
  const hash = createHash('sha256')
  readBuffer ??= Buffer.allocUnsafe(64 * 1024)
  const buffer = readBuffer
  const fd = openSync(path, 'r')
  let size = 0
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, read))
      size += read
    }
  } finally {
    closeSync(fd)
  }
  return { hash: hash.digest('base64url'), size }
}

/**
 * Compressed sizes by `<hash>:<algorithm>:<level>`, in memory and optionally persisted as JSON so a CLI re-check
 * or the next build of unchanged files compresses nothing. A missing or damaged cache file is simply an empty cache.
 */
// One in-process map for every calculator that asks to share (the build plugins): with metrics and budgets in one
// build, the second plugin finds every output already compressed. Global, because each plugin may bundle its own
// copy of core; bounded, because watch mode rebuilds forever.
const SHARED = Symbol.for('shipwatch.size-cache')
const SHARED_LIMIT = 50_000
// Entries a cache file keeps, the most recently used: a build plugin saves after every build, and only the last
// builds' outputs are likely to come back.
const FILE_LIMIT = 4_000

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
    const size = this.#entries.get(key)
    // A persisted cache keeps what is used: a hit moves to the end, which `save` keeps.
    if (size !== undefined && this.file) {
      this.#entries.delete(key)
      this.#entries.set(key, size)
    }
    return size
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

const SHARED_TEXTS = Symbol.for('shipwatch.text-size-cache')
// Characters held before starting over: a watch session must not keep every version of every output.
const TEXT_LIMIT_CHARS = 64 * 1024 * 1024

/**
 * Sizes of texts held in memory, keyed by the text itself: a Map tells long strings apart by length and then by
 * their characters, so the outputs of a build need no hashing (sha256 of 2.6 MB costs ≈ 5 ms of main thread).
 * Only for caches that are not persisted; shared like `SizeCache` when asked.
 */
interface TextEntries {
  entries: Map<string, Map<string, number>>
  chars: number
}

export class TextSizeCache {
  readonly #state: TextEntries

  constructor(options: { shared?: boolean } = {}) {
    if (!options.shared) {
      this.#state = { entries: new Map(), chars: 0 }
      return
    }
    const holder = globalThis as { [SHARED_TEXTS]?: TextEntries }
    holder[SHARED_TEXTS] ??= { entries: new Map(), chars: 0 }
    this.#state = holder[SHARED_TEXTS]
  }

  get(text: string, variant: string): number | undefined {
    return this.#state.entries.get(text)?.get(variant)
  }

  set(text: string, variant: string, size: number): void {
    const state = this.#state
    let sizes = state.entries.get(text)
    if (!sizes) {
      if (state.chars + text.length > TEXT_LIMIT_CHARS) {
        state.entries.clear()
        state.chars = 0
      }
      sizes = new Map()
      state.entries.set(text, sizes)
      state.chars += text.length
    }
    sizes.set(variant, size)
  }
}
