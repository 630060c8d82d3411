import { promisify } from 'node:util'
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
  /** Share the in-memory cache with the other calculators in this process that share (ignored with a cache file). */
  sharedCache?: boolean
  /** Told once when a worker fails and sizes fall back to the calling thread. */
  onWarning?: (message: string) => void
}

// Below this, any hand-off costs more than compressing here.
const INLINE_LIMIT = 1024
// Starting a worker costs ≈ 40 ms; below this much work, zlib's async API on libuv's already-running threads is
// faster. Above it, the pool (one worker per core, unlike libuv's fixed 4 shared threads) pays for itself.
const POOL_THRESHOLD_BYTES = 4 * 1024 * 1024

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

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
    this.cache = new SizeCache(options.cacheFile ?? null, { shared: options.sharedCache })
    this.#pool = options.workers === 0 ? null : new CompressionPool(options.workers)
    this.#onWarning = options.onWarning ?? (() => {})
  }

  async measure(content: Uint8Array | string): Promise<MeasuredSize> {
    const data = typeof content === 'string' ? Buffer.from(content) : content
    const hash = this.compression.gzip || this.compression.brotli ? contentHash(data) : ''
    const [gzip, brotli] = await Promise.all([
      this.compression.gzip ? this.#compressed(data, hash, 'gzip', this.compression.gzip.level) : undefined,
      this.compression.brotli
        ? this.#compressed(data, hash, 'brotli', this.compression.brotli.quality)
        : undefined,
    ])
    return {
      size: data.length,
      ...(gzip === undefined ? {} : { gzip }),
      ...(brotli === undefined ? {} : { brotli }),
    }
  }

  /** Saves the cache file and stops the workers. */
  async close(): Promise<void> {
    this.cache.save()
    await this.#pool?.close()
  }

  async #compressed(
    data: Uint8Array,
    hash: string,
    algorithm: 'gzip' | 'brotli',
    level: number,
  ): Promise<number> {
    const key = `${hash}:${algorithm}:${level}`
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    this.compressedCount++
    this.#submittedBytes += data.length
    let size: number
    if (data.length <= INLINE_LIMIT) {
      size = compressInline(data, algorithm, level)
    } else if (this.#pool && !this.#poolFailed && this.#submittedBytes > POOL_THRESHOLD_BYTES) {
      size = await this.#pool.compress(data, algorithm, level).catch((error: Error) => {
        this.#poolFailed = true
        this.#onWarning(`compression worker failed (${error.message}); using zlib's own threads instead`)
        return compressAsync(data, algorithm, level)
      })
    } else {
      size = await compressAsync(data, algorithm, level)
    }
    this.cache.set(key, size)
    return size
  }
}

async function compressAsync(data: Uint8Array, algorithm: 'gzip' | 'brotli', level: number): Promise<number> {
  // One output buffer for the whole result: zlib's default 16 KiB chunks cost a main-thread callback each.
  const chunkSize = Math.min(Math.max(16 * 1024, data.length + 1024), 8 * 1024 * 1024)
  if (algorithm === 'gzip') return (await gzipAsync(data, { level, chunkSize })).length
  const params = { [constants.BROTLI_PARAM_QUALITY]: level, [constants.BROTLI_PARAM_SIZE_HINT]: data.length }
  return (await brotliAsync(data, { params, chunkSize })).length
}

function compressInline(data: Uint8Array, algorithm: 'gzip' | 'brotli', level: number): number {
  return algorithm === 'gzip' ? gzipSize(data, level) : brotliSize(data, level)
}
