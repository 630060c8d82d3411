import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import {
  CompressionPool,
  describeCompression,
  resolveCompression,
  SizeCache,
  SizeCalculator,
} from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'

// Real JavaScript from node_modules, large enough to go through the worker pool.
const require = createRequire(import.meta.url)
const realJs = readFileSync(join(dirname(require.resolve('zod')), 'v4/core/schemas.js'))
const temp = mkdtempSync(join(tmpdir(), 'shipwatch-size-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('resolveCompression', () => {
  it('defaults to gzip 9 with brotli off, and brotli 11 when asked', () => {
    expect(resolveCompression()).toEqual({ gzip: { level: 9 }, brotli: null })
    expect(resolveCompression({ brotli: true })).toEqual({ gzip: { level: 9 }, brotli: { quality: 11 } })
    expect(resolveCompression({ gzip: false, brotli: { quality: 5 } })).toEqual({
      gzip: null,
      brotli: { quality: 5 },
    })
  })

  it('rejects out-of-range levels naming the option', () => {
    expect(() => resolveCompression({ gzip: { level: 12 } })).toThrow(
      /gzip.level must be an integer from 1 to 9/,
    )
    expect(() => resolveCompression({ brotli: { quality: -1 } })).toThrow(/brotli.quality/)
  })

  it('names algorithm and level for printing', () => {
    const settings = resolveCompression({ brotli: true })
    expect(describeCompression('gzip', settings)).toBe('gzip -9')
    expect(describeCompression('brotli', settings)).toBe('brotli q11')
  })
})

describe('SizeCalculator', () => {
  it('gives the exact sizes zlib gives, on workers, zlib threads and inline', async () => {
    const expected = {
      size: realJs.length,
      gzip: gzipSync(realJs, { level: 9 }).length,
      brotli: brotliCompressSync(realJs, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    }
    for (const workers of [2, 0]) {
      const sizes = new SizeCalculator({ compression: resolveCompression({ brotli: true }), workers })
      expect(await sizes.measure(realJs)).toEqual(expected)
      expect(await sizes.measure('tiny')).toEqual({
        size: 4,
        gzip: gzipSync('tiny', { level: 9 }).length,
        brotli: brotliCompressSync('tiny', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      })
      await sizes.close()
    }
  })

  it('moves to the worker pool past 4 MiB of work, with the same exact sizes', async () => {
    const sizes = new SizeCalculator({ compression: resolveCompression(), workers: 2 })
    const original = CompressionPool.prototype.compress
    let pooled = 0
    CompressionPool.prototype.compress = function (...args) {
      pooled++
      return original.apply(this, args)
    }
    try {
      const big = Buffer.concat(Array.from({ length: 45 }, () => realJs))
      expect((await sizes.measure(big)).gzip).toBe(gzipSync(big, { level: 9 }).length)
      expect(pooled).toBe(1)
      const after = Buffer.concat([realJs, Buffer.from('// after')])
      expect((await sizes.measure(after)).gzip).toBe(gzipSync(after, { level: 9 }).length)
      expect(pooled).toBe(2)
    } finally {
      CompressionPool.prototype.compress = original
      await sizes.close()
    }
  })

  it('never compresses unchanged content twice, across processes through the cache file', async () => {
    const cacheFile = join(temp, 'cache.json')
    const first = new SizeCalculator({ compression: resolveCompression(), cacheFile })
    const a = await first.measure(realJs)
    await first.measure(Buffer.from(realJs))
    expect(first.compressedCount).toBe(1)
    await first.close()

    const second = new SizeCalculator({ compression: resolveCompression(), cacheFile })
    expect(await second.measure(realJs)).toEqual(a)
    expect(second.compressedCount).toBe(0)
    await second.measure(Buffer.concat([realJs, Buffer.from('//changed')]))
    expect(second.compressedCount).toBe(1)
    await second.close()
  })

  it('sizes files on disk exactly and takes an unchanged file’s sizes from the cache file of an earlier process', async () => {
    const cacheFile = join(temp, 'files-cache.json')
    const file = join(temp, 'chunk.js')
    writeFileSync(file, realJs)
    const compression = resolveCompression({ brotli: { quality: 4 } })
    const exact = {
      size: realJs.length,
      gzip: gzipSync(realJs, { level: 9 }).length,
      brotli: brotliCompressSync(realJs, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
    }
    const first = new SizeCalculator({ compression, cacheFile })
    expect(await first.measureFile(file)).toEqual(exact)
    expect(first.compressedCount).toBe(2)
    await first.close()

    const second = new SizeCalculator({ compression, cacheFile })
    expect(await second.measureFile(file)).toEqual(exact)
    expect(second.compressedCount).toBe(0)
    const changed = Buffer.concat([realJs, Buffer.from('//changed')])
    writeFileSync(file, changed)
    expect((await second.measureFile(file)).gzip).toBe(gzipSync(changed, { level: 9 }).length)
    expect(second.compressedCount).toBe(2)
    await expect(second.measureFile(join(temp, 'missing.js'))).rejects.toThrow(/ENOENT/)
    await second.close()
  })

  it('keeps the 4,000 most recently used entries in a cache file', () => {
    const cacheFile = join(temp, 'bounded-cache.json')
    const cache = new SizeCache(cacheFile)
    for (let i = 0; i < 4_100; i++) cache.set(`key-${i}:gzip:9`, i)
    // Used again in the latest build: kept although it was stored first.
    expect(cache.get('key-0:gzip:9')).toBe(0)
    cache.save()
    const kept = new SizeCache(cacheFile)
    expect(kept.entryCount).toBe(4_000)
    expect(kept.get('key-0:gzip:9')).toBe(0)
    expect(kept.get('key-4099:gzip:9')).toBe(4099)
    expect(kept.get('key-100:gzip:9')).toBeUndefined()
    expect(kept.get('key-101:gzip:9')).toBe(101)
  })

  it('keys the cache by content, not identity: the same text in another string is found', async () => {
    const text = `${realJs.toString()}\n// naïve — ünïcode 漢字 ${Math.random()}`
    const sizes = new SizeCalculator({ compression: resolveCompression(), workers: 0 })
    const first = await sizes.measure(text)
    expect(first).toEqual({
      size: Buffer.byteLength(text),
      gzip: gzipSync(Buffer.from(text), { level: 9 }).length,
    })
    expect(await sizes.measure(text.split('').join(''))).toEqual(first)
    expect(sizes.compressedCount).toBe(1)
    const changed = `${text.slice(0, -1)}${text.endsWith('x') ? 'y' : 'x'}`
    expect((await sizes.measure(changed)).gzip).toBe(gzipSync(Buffer.from(changed), { level: 9 }).length)
    expect(sizes.compressedCount).toBe(2)
    await sizes.close()
  })

  it('keys the cache by level too', async () => {
    const sizes = new SizeCalculator({ compression: resolveCompression({ gzip: { level: 1 } }), workers: 0 })
    expect((await sizes.measure(realJs)).gzip).toBe(gzipSync(realJs, { level: 1 }).length)
    await sizes.close()
  })

  it('falls back to zlib’s threads with one warning when the pool fails', async () => {
    const warnings: string[] = []
    const sizes = new SizeCalculator({
      compression: resolveCompression(),
      onWarning: (m) => warnings.push(m),
    })
    // Break the pool the way a crashed worker would surface: every task rejects.
    const pool = CompressionPool.prototype
    const original = pool.compress
    pool.compress = () => Promise.reject(new Error('worker died'))
    try {
      // Past the pool threshold (4 MiB submitted), work goes to the pool.
      const big = Buffer.concat(Array.from({ length: 45 }, () => realJs))
      const one = await sizes.measure(big)
      const two = await sizes.measure(Buffer.concat([big, realJs]))
      expect(one.gzip).toBe(gzipSync(big, { level: 9 }).length)
      expect(two.gzip).toBeGreaterThan(0)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/worker died/)
    } finally {
      pool.compress = original
      await sizes.close()
    }
  })
})

describe('CompressionPool', () => {
  it('runs tasks concurrently and rejects queued tasks on close', async () => {
    const pool = new CompressionPool(2)
    const results = await Promise.all([1, 2, 3, 4].map(() => pool.compress(realJs, 'gzip', 6)))
    expect(new Set(results)).toEqual(new Set([gzipSync(realJs, { level: 6 }).length]))
    // Two run on the workers, the third waits in the queue; closing settles all three.
    const outcomes = Promise.allSettled([1, 2, 3].map(() => pool.compress(realJs, 'brotli', 11)))
    await pool.close()
    const settled = await outcomes
    expect(settled.every((s) => s.status === 'rejected')).toBe(true)
    expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(/closed/)
    await expect(pool.compress(realJs, 'gzip', 9)).rejects.toThrow(/closed/)
  })

  it('terminates a worker only after its running task has reported back', async () => {
    // Terminating a worker inside zlib's stream set-up aborts the process (a Node assertion), now and then.
    const posted = new Map<Worker, number>()
    const answered = new Map<Worker, number>()
    const busyAtTermination: number[] = []
    const { postMessage, terminate } = Worker.prototype
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      posted.set(this, (posted.get(this) ?? 0) + 1)
      this.once('message', () => answered.set(this, (answered.get(this) ?? 0) + 1))
      return postMessage.apply(this, args)
    }
    Worker.prototype.terminate = function (this: Worker) {
      busyAtTermination.push((posted.get(this) ?? 0) - (answered.get(this) ?? 0))
      return terminate.apply(this)
    }
    try {
      const pool = new CompressionPool(2)
      const running = Promise.allSettled([1, 2].map(() => pool.compress(realJs, 'brotli', 11)))
      await new Promise((resolve) => setTimeout(resolve, 50)) // both workers started and busy
      await pool.close()
      expect((await running).map((r) => r.status)).toEqual(['rejected', 'rejected'])
      expect(busyAtTermination).toEqual([0, 0])
    } finally {
      Worker.prototype.postMessage = postMessage
      Worker.prototype.terminate = terminate
    }
  })
})
