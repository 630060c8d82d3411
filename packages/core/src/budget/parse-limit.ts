import { parseBytes } from '../format/bytes.js'

/** A limit resolved from user text: absolute, or relative to the baseline (bytes, percent, percent with a floor). */
export type ResolvedLimit =
  | { kind: 'absolute'; value: number }
  | { kind: 'relative'; bytes: number; percent: number | null; text: string }

const RELATIVE = /^\+\s*(?:(\d+(?:\.\d+)?)\s*%(?:\s+min\s+(.+))?|(.+))$/

/** Parses a limit; `null` with an error message when it is not one. `isCount` reads plain numbers as counts. */
export function parseLimit(value: unknown, isCount: boolean): ResolvedLimit | { error: string } {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return { kind: 'absolute', value }
    return { error: `must be a non-negative number, got ${value}` }
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return { error: `must be a number or a string such as "500 kB" or "+5%", got ${JSON.stringify(value)}` }
  }
  const text = value.trim()
  const relative = RELATIVE.exec(text)
  try {
    if (relative) {
      if (relative[1] !== undefined) {
        const percent = Number(relative[1])
        const floor = relative[2] === undefined ? 0 : amount(relative[2], isCount)
        return { kind: 'relative', percent, bytes: floor, text }
      }
      return { kind: 'relative', percent: null, bytes: amount(relative[3]!, isCount), text }
    }
    if (text.endsWith('%')) {
      return {
        error: `"${text}" is a percentage without "+": percentages are relative to the baseline, write "+${text}"`,
      }
    }
    return { kind: 'absolute', value: amount(text, isCount) }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

function amount(text: string, isCount: boolean): number {
  if (isCount) {
    const n = Number(text.trim())
    if (!Number.isInteger(n) || n < 0) throw new Error(`invalid count "${text}": use a whole number`)
    return n
  }
  return parseBytes(text.trim())
}

/** The limit in bytes (or count) for a given baseline value; relative limits need one. */
export function limitFor(
  limit: ResolvedLimit,
  baseline: number | null,
  direction: 'max' | 'min',
): number | null {
  if (limit.kind === 'absolute') return limit.value
  if (baseline === null) return null
  const allowance = Math.max(limit.bytes, limit.percent === null ? 0 : (baseline * limit.percent) / 100)
  // "+5%" as a minimum means "may shrink by at most 5 %".
  return direction === 'max' ? baseline + allowance : Math.max(0, baseline - allowance)
}
