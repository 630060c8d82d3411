/** Byte units we accept and print: `kB`/`MB` are powers of 1000, `KiB`/`MiB` powers of 1024. */
export type ByteUnit = 'B' | 'kB' | 'MB' | 'GB' | 'KiB' | 'MiB' | 'GiB'

const FACTORS: Record<ByteUnit, number> = {
  B: 1,
  kB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
}

/** Formats bytes with a unit always printed: `1.23 kB`, or `1.20 KiB` with `binary`. */
export function formatBytes(bytes: number, options: { binary?: boolean; signed?: boolean } = {}): string {
  const sign = bytes < 0 ? '-' : options.signed ? '+' : ''
  const abs = Math.abs(bytes)
  const [small, big]: ByteUnit[] = options.binary ? ['KiB', 'MiB'] : ['kB', 'MB']
  if (abs < FACTORS[small!]) return `${sign}${abs} B`
  const unit = abs < FACTORS[big!] ? small! : big!
  return `${sign}${(abs / FACTORS[unit]).toFixed(2)} ${unit}`
}

export class SizeParseError extends Error {
  override name = 'SizeParseError'
}

const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)?\s*$/

/**
 * Parses `"500 kB"`, `"1.5 MiB"`, `"300 B"` or a plain number of bytes.
 * `KB` is read as `kB` (1000). Throws a {@link SizeParseError} with the accepted forms on anything else.
 */
export function parseBytes(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value
    throw new SizeParseError(`invalid size ${value}: use a non-negative number of bytes`)
  }
  const match = SIZE_PATTERN.exec(value)
  if (!match) {
    throw new SizeParseError(
      `invalid size "${value}": use a number of bytes or a number with B, kB (1000), MB, GB, KiB (1024), MiB or GiB`,
    )
  }
  const unit = (match[2] === 'KB' ? 'kB' : (match[2] ?? 'B')) as ByteUnit
  return Math.round(Number(match[1]) * FACTORS[unit])
}
