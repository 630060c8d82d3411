import { readFile } from 'node:fs/promises'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { CompressionSettings } from '../schema/build-record.js'
import { brotliSize, gzipSize } from './compression.js'
import { contentHash, SizeCache } from './size-cache.js'
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
  /** Told once when a worker fails and sizes fall back to zlib's own threads. */
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
  readonly #pool: CompressionPool | null
  readonly #onWarning: (message: string) => void
  #poolFailed = false
  #submittedBytes = 0
  compressedCount = 0

  constructor(options: SizeCalculatorOptions) {
    this.compression = options.compression
    this.cache = new SizeCache(options.cacheFile ?? null)
    this.#pool = options.workers === 0 ? null : new CompressionPool(options.workers)
    this.#onWarning = options.onWarning ?? (() => {})
  }

  /** Sizes of some content; only what the cache does not hold is compressed. */
  async measure(content: Uint8Array | string): Promise<MeasuredSize> {
    const data = typeof content === 'string' ? Buffer.from(content) : content
    if (!this.compresses) return { size: data.length }
    const hash = contentHash(data)
    const sized = async (algorithm: 'gzip' | 'brotli', level: number) => {
      const key = `${hash}:${algorithm}:${level}`
      const cached = this.cache.get(key)
      if (cached !== undefined) return cached
      const size = await this.#compress(data, algorithm, level)
      this.cache.set(key, size)
      return size
    }
    const { gzip, brotli } = this.compression
    const [gzipSize, brotliSize] = await Promise.all([
      gzip ? sized('gzip', gzip.level) : undefined,
      brotli ? sized('brotli', brotli.quality) : undefined,
    ])
    return compressedFields(data.length, gzipSize, brotliSize)
  }

  /** Sizes of a file on disk. Rejects when the file cannot be read. */
  async measureFile(path: string): Promise<MeasuredSize> {
    return this.measure(await readFile(path))
  }

  /** Whether any compressed size is asked for. */
  get compresses(): boolean {
    return Boolean(this.compression.gzip || this.compression.brotli)
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

function compressedFields(size: number, gzip: number | undefined, brotli: number | undefined): MeasuredSize {
  return { size, ...(gzip === undefined ? {} : { gzip }), ...(brotli === undefined ? {} : { brotli }) }
}

// zlib's callback API, one promise per job.
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
