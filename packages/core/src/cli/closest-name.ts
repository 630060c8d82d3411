import { closest, distance } from 'fastest-levenshtein'

/**
 * The known name a mistyped one most likely meant (`histroyDir` → `historyDir`), or null when none is close: at most
 * a third of the name's length in edits, and at least two.
 */
export function closestName(name: string, known: readonly string[]): string | null {
  if (known.length === 0) return null
  const best = closest(name, [...known])
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : null
}
