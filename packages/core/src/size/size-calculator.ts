import { readFile, stat } from 'node:fs/promises'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { CompressionSettings } from '../schema/build-record.js'
import { brotliSize, gzipSize } from './compression.js'
import { contentHash, hashFile, SizeCache, TextSizeCache } from './size-cache.js'
import { CompressionPool } from './worker-pool.js'

export interface MeasuredSize {
  size: number
  gzip?: number
  brotli?: number
}

export interface SizeCalculatorOptions {
  /** Which compressed sizes to compute, from `resolveCompression()`. */
  compression: CompressionSettings
  /** Worker threads; 0 compresses on the calling thread. @default os.availableParallelism() */
  workers?: number
  /** Persist the content-hash cache in this JSON file. @default null (memory only) */
  cacheFile?: string | null
  /**
   * Share sizes in memory with the other calculators in this process that share. With a cache file too, the file's
   * cache comes first, and the shared sizes are looked up (by content hash) only when it has no entry.
   */
  sharedCache?: boolean
  /** Told once when a worker fails and sizes fall back to the calling thread. */
  onWarning?: (message: string) => void
}

// Below this, any hand-off costs more than compressing here.
const INLINE_LIMIT = 1024
// Starting a worker costs ≈ 40 ms; below this much work, zlib's async API on libuv's already-running threads is
// faster. Above it, the pool (one worker per core, unlike libuv's fixed 4 shared threads) pays for itself.
const POOL_THRESHOLD_BYTES = 4 * 1024 * 1024

/**
 * Raw, gzip and brotli sizes of file contents, compressed off the main thread and cached by content hash:
 * small jobs on zlib's async API, large ones on a worker pool sized to the machine.
 */
export class SizeCalculator {
  readonly compression: CompressionSettings
  readonly cache: SizeCache
  /** Texts are their own cache keys, except in a calculator whose only cache is a file (that needs their hashes). */
  readonly #texts: TextSizeCache | null
  /**
   * With a cache file and sharing on (build-metrics): the in-process map by content hash, where another plugin's
   * sizes of the same bytes (bundle-budget measures the same outputs as texts in generateBundle) are found.
   */
  readonly #sharedHashes: SizeCache | null
  readonly #pool: CompressionPool | null
  readonly #onWarning: (message: string) => void
  #poolFailed = false
  #submittedBytes = 0
  compressedCount = 0

  constructor(options: SizeCalculatorOptions) {
    this.compression = options.compression
    this.cache = new SizeCache(options.cacheFile ?? null, { shared: options.sharedCache })
    this.#texts =
      options.cacheFile && !options.sharedCache ? null : new TextSizeCache({ shared: options.sharedCache })
    this.#sharedHashes = options.sharedCache ? new SizeCache(null, { shared: true }) : null
    this.#pool = options.workers === 0 ? null : new CompressionPool(options.workers)
    this.#onWarning = options.onWarning ?? (() => {})
  }

  async measure(content: Uint8Array | string): Promise<MeasuredSize> {
    if (typeof content === 'string' && this.#texts) return this.#measureText(content, this.#texts)
    const data = typeof content === 'string' ? Buffer.from(content) : content
    return this.#measureHashed(data, this.compresses ? contentHash(data) : '')
  }

  /**
   * Sizes of a file on disk. It is hashed first (sha256, ≈ 0.7 ms per MB with SHA extensions), read in pieces on
   * this thread, unless the caller did that already (`hashed`, from `hashFile`); only a file whose sizes are not
   * cached is read whole and compressed on other threads. Rejects when the file cannot be read.
   */
  async measureFile(path: string, hashed?: { hash: string; size: number }): Promise<MeasuredSize> {
    if (!this.compresses) return { size: (await stat(path)).size }
    const { hash, size } = hashed ?? hashFile(path)
    const cached = this.#cachedSizes(hash)
    if (cached) return { size, ...cached }
    // Hashed again from what is compressed: the file may have changed in between, and the key must match the bytes.
    const data = await readFile(path)
    return this.#measureHashed(data, contentHash(data))
  }

  /** Every configured compressed size of this content, when the cache (or another plugin) has them all. */
  #cachedSizes(hash: string): Omit<MeasuredSize, 'size'> | null {
    const { gzip, brotli } = this.compression
    const lookup = (variant: string) => this.#cached(`${hash}:${variant}`)
    const gzipSize = gzip ? lookup(`gzip:${gzip.level}`) : undefined
    const brotliSize = brotli ? lookup(`brotli:${brotli.quality}`) : undefined
    if ((gzip && gzipSize === undefined) || (brotli && brotliSize === undefined)) return null
    return compressedFields(gzipSize, brotliSize)
  }

  /** Whether any compressed size is asked for; only then are files hashed (the cache key). */
  get compresses(): boolean {
    return Boolean(this.compression.gzip || this.compression.brotli)
  }

  async #measureHashed(data: Uint8Array, hash: string): Promise<MeasuredSize> {
    const sized = async (algorithm: 'gzip' | 'brotli', level: number) => {
      const key = `${hash}:${algorithm}:${level}`
      const cached = this.#cached(key)
      if (cached !== undefined) return cached
      const size = await this.#compress(data, algorithm, level)
      this.cache.set(key, size)
      this.#sharedHashes?.set(key, size)
      return size
    }
    return { size: data.length, ...(await this.#compressedSizes(sized)) }
  }

  /** A size from the cache, or else from the sizes another plugin shared (then kept in the cache too). */
  #cached(key: string): number | undefined {
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    const shared = this.#sharedHashes?.get(key)
    if (shared !== undefined) this.cache.set(key, shared)
    return shared
  }

  async #measureText(text: string, cache: TextSizeCache): Promise<MeasuredSize> {
    // Encoded only when something is not cached: an unchanged output of a watch rebuild costs nothing.
    let data: Buffer | null = null
    let hash: string | null = null
    const sized = async (algorithm: 'gzip' | 'brotli', level: number) => {
      const variant = `${algorithm}:${level}`
      const cached = cache.get(text, variant)
      if (cached !== undefined) return cached
      data ??= Buffer.from(text)
      const size = await this.#compress(data, algorithm, level)
      cache.set(text, variant, size)
      // Also by hash (≈ 0.7 ms per MB, only for what was compressed), for a calculator that sizes the written files.
      if (this.#sharedHashes) {
        hash ??= contentHash(data)
        this.#sharedHashes.set(`${hash}:${variant}`, size)
      }
      return size
    }
    const compressed = await this.#compressedSizes(sized)
    return { size: data ? (data as Buffer).length : Buffer.byteLength(text), ...compressed }
  }

  async #compressedSizes(
    sized: (algorithm: 'gzip' | 'brotli', level: number) => Promise<number>,
  ): Promise<Omit<MeasuredSize, 'size'>> {
    const { gzip, brotli } = this.compression
    const [gzipSize, brotliSize] = await Promise.all([
      gzip ? sized('gzip', gzip.level) : undefined,
      brotli ? sized('brotli', brotli.quality) : undefined,
    ])
    return compressedFields(gzipSize, brotliSize)
  }

  /** Saves the cache file and stops the workers. */
  async close(): Promise<void> {
    try {
      this.cache.save()
    } finally {
      await this.#pool?.close()
    }
  }

  /** Compresses on the cheapest path for the work so far: inline, zlib's threads, or the worker pool. */
  async #compress(data: Uint8Array, algorithm: 'gzip' | 'brotli', level: number): Promise<number> {
    this.compressedCount++
    this.#submittedBytes += data.length
    if (data.length <= INLINE_LIMIT) return compressInline(data, algorithm, level)
    if (this.#pool && !this.#poolFailed && this.#submittedBytes > POOL_THRESHOLD_BYTES) {
      return this.#pool.compress(data, algorithm, level).catch((error: Error) => {
        this.#poolFailed = true
        this.#onWarning(`compression worker failed (${error.message}); using zlib's own threads instead`)
        return compressAsync(data, algorithm, level)
      })
    }
    return compressAsync(data, algorithm, level)
  }
}

function compressedFields(gzip: number | undefined, brotli: number | undefined): Omit<MeasuredSize, 'size'> {
  return { ...(gzip === undefined ? {} : { gzip }), ...(brotli === undefined ? {} : { brotli }) }
}

// zlib's callback API wrapped by hand: `util.promisify` at module level cost the plugin's import ≈ 0.2 ms.
function compressAsync(data: Uint8Array, algorithm: 'gzip' | 'brotli', level: number): Promise<number> {
  // One output buffer for the whole result: zlib's default 16 KiB chunks cost a main-thread callback each.
  const chunkSize = Math.min(Math.max(16 * 1024, data.length + 1024), 8 * 1024 * 1024)
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result.length))
    if (algorithm === 'gzip') gzip(data, { level, chunkSize }, done)
    else {
      const params = {
        [constants.BROTLI_PARAM_QUALITY]: level,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      }
      brotliCompress(data, { params, chunkSize }, done)
    }
  })
}

function compressInline(data: Uint8Array, algorithm: 'gzip' | 'brotli', level: number): number {
  return algorithm === 'gzip' ? gzipSize(data, level) : brotliSize(data, level)
}
