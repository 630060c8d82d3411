import type { OutputFile } from '../schema/build-record.js'

/** A content hash in a file name, as bundlers write it: `index-B7x9Qk2a.js`, `chunk.3f2a91c0.css`. */
const HASH = /[-.][A-Za-z0-9_-]{8,}(?=\.[a-z0-9]+$)/

export function stableName(fileName: string): string {
  return fileName.replace(HASH, '')
}

/**
 * What an output is, whatever its hashed file name: a chunk by its facade (entry) module, else by its name; an asset
 * by the source file it came from, else by its name. The extension tells a chunk's JS from its CSS.
 */
export function outputIdentity(output: OutputFile): string {
  const ext = /\.[^./]+$/.exec(output.fileName)?.[0] ?? ''
  if (output.type === 'chunk')
    return output.facade ? `entry ${output.facade}` : `chunk ${output.name ?? stableName(output.fileName)}`
  if (output.originalName) return `asset ${output.originalName}`
  return `asset ${output.name ? `${output.name.replace(/\.[^./]+$/, '')}${ext}` : stableName(output.fileName)}`
}

export type MatchKind = 'same' | 'renamed'

/** One output of the current build and what it was in the baseline. */
export interface OutputPair {
  before: OutputFile | null
  after: OutputFile | null
  /** `same`: the same identity; `renamed`: another identity holding mostly the same modules. */
  match: MatchKind | null
}

/** Share of module bytes two chunks hold in common (0–1), by the smaller side's modules. */
export function moduleOverlap(a: OutputFile, b: OutputFile): number {
  const sizes = new Map(a.modules.map((m) => [m.id, m.size]))
  let common = 0
  for (const m of b.modules) common += Math.min(m.size, sizes.get(m.id) ?? 0)
  const total = (o: OutputFile) => o.modules.reduce((s, m) => s + m.size, 0)
  const smaller = Math.min(total(a), total(b))
  return smaller === 0 ? 0 : common / smaller
}

/** A chunk matched by its modules alone must share at least this much of them. */
const RENAME_OVERLAP = 0.5

/**
 * Pairs the outputs of two builds (source maps left out): by identity (ties by file name, then by shared modules),
 * then the chunks left over by shared modules (reported as renamed); the rest were added or removed.
 */
export function matchOutputs(before: readonly OutputFile[], after: readonly OutputFile[]): OutputPair[] {
  const pairs: OutputPair[] = []
  const unmatchedBefore = new Set(before.filter((o) => o.kind !== 'map'))
  const unmatchedAfter = new Set(after.filter((o) => o.kind !== 'map'))
  const take = (b: OutputFile, a: OutputFile, match: MatchKind) => {
    pairs.push({ before: b, after: a, match })
    unmatchedBefore.delete(b)
    unmatchedAfter.delete(a)
  }
  const byIdentity = group([...unmatchedBefore], outputIdentity)
  for (const a of [...unmatchedAfter]) {
    const candidates = (byIdentity.get(outputIdentity(a)) ?? []).filter((b) => unmatchedBefore.has(b))
    const chosen =
      candidates.find((b) => b.fileName === a.fileName) ??
      best(candidates, (b) => moduleOverlap(b, a)) ??
      candidates[0]
    if (chosen) take(chosen, a, 'same')
  }
  for (const a of [...unmatchedAfter]) {
    if (a.type !== 'chunk') continue
    const candidates = [...unmatchedBefore].filter((b) => b.type === 'chunk')
    const chosen = best(candidates, (b) => moduleOverlap(b, a))
    if (chosen && moduleOverlap(chosen, a) >= RENAME_OVERLAP) take(chosen, a, 'renamed')
  }
  for (const b of unmatchedBefore) pairs.push({ before: b, after: null, match: null })
  for (const a of unmatchedAfter) pairs.push({ before: null, after: a, match: null })
  return pairs
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item])
  return map
}

/** The item with the highest positive score, or undefined. */
function best<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let top: T | undefined
  let topScore = 0
  for (const item of items) {
    const s = score(item)
    if (s > topScore) [top, topScore] = [item, s]
  }
  return top
}
