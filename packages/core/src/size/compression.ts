import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { CompressionSettings } from '../schema/build-record.js'

/** gzip level 9 and brotli quality 11: the levels size-limit, bundlesize and bundlewatch report. */
export const DEFAULT_GZIP_LEVEL = 9
export const DEFAULT_BROTLI_QUALITY = 11

export interface CompressionOptions {
  /** gzip sizes; `false` turns them off. @default { level: 9 } */
  gzip?: boolean | { level?: number }
  /** brotli sizes, off unless asked: quality 11 costs ≈ 90× gzip. @default false */
  brotli?: boolean | { quality?: number }
}

export class CompressionOptionError extends Error {
  override name = 'CompressionOptionError'
}

/** Turns user options into the settings recorded with every size. */
export function resolveCompression(options: CompressionOptions = {}): CompressionSettings {
  const gzip = options.gzip ?? true
  const brotli = options.brotli ?? false
  const level =
    gzip === false ? null : ((typeof gzip === 'object' ? gzip.level : undefined) ?? DEFAULT_GZIP_LEVEL)
  const quality =
    brotli === false
      ? null
      : ((typeof brotli === 'object' ? brotli.quality : undefined) ?? DEFAULT_BROTLI_QUALITY)
  if (level !== null && !(Number.isInteger(level) && level >= 1 && level <= 9)) {
    throw new CompressionOptionError(`gzip.level must be an integer from 1 to 9, got ${level}`)
  }
  if (quality !== null && !(Number.isInteger(quality) && quality >= 0 && quality <= 11)) {
    throw new CompressionOptionError(`brotli.quality must be an integer from 0 to 11, got ${quality}`)
  }
  return { gzip: level === null ? null : { level }, brotli: quality === null ? null : { quality } }
}

/** `gzip -9`, `brotli q11`: printed next to every compressed size. */
export function describeCompression(algorithm: 'gzip' | 'brotli', settings: CompressionSettings): string {
  if (algorithm === 'gzip') return `gzip -${settings.gzip?.level ?? DEFAULT_GZIP_LEVEL}`
  return `brotli q${settings.brotli?.quality ?? DEFAULT_BROTLI_QUALITY}`
}

export function gzipSize(data: Uint8Array, level: number): number {
  return gzipSync(data, { level }).length
}

export function brotliSize(data: Uint8Array, quality: number): number {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length
}
