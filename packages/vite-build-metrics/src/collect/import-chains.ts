/** What the bundler's module graph tells about one module (Rollup's and Rolldown's `getModuleInfo`). */
export interface GraphModule {
  isEntry: boolean
  importers: readonly string[]
  dynamicImporters: readonly string[]
}

/** Most modules looked up per build: a graph this large gets chains for the modules reached first. */
const MAX_LOOKUPS = 50_000
/** Longest chain kept: a longer one keeps the 8 imports nearest its module, then `CHAIN_CUT`. */
const MAX_HOPS = 8
/** The importer recorded where a chain was cut. */
export const CHAIN_CUT = '…'

/**
 * For each target module, one shortest import chain from an entry, as a map from each module on it to its importer.
 * Searches backwards from the target (breadth-first, static importers before dynamic ones); a module whose chain is
 * already known ends a path with that chain's length, so shared prefixes are walked once.
 */
export function findImportChains(
  targets: Iterable<string>,
  moduleInfo: (id: string) => GraphModule | null,
): Map<string, string> {
  const importerOf = new Map<string, string>()
  const info = new Map<string, GraphModule | null>()
  const lookup = (id: string) => {
    if (!info.has(id)) info.set(id, info.size < MAX_LOOKUPS ? moduleInfo(id) : null)
    return info.get(id)!
  }
  /** Imports from `id` up to an entry (or a cut) along the known chain; null when `id` has none. */
  const knownLength = (id: string): number | null => {
    if (lookup(id)?.isEntry) return 0
    let length = 0
    for (let at: string | undefined = id; at !== undefined && at !== CHAIN_CUT; at = importerOf.get(at)) {
      if (!importerOf.has(at)) return lookup(at)?.isEntry ? length : null
      length++
    }
    return length
  }
  for (const target of targets) {
    if (knownLength(target) !== null) continue
    // `cameFrom` points one step back towards the target; `hops` counts the steps from it.
    const cameFrom = new Map<string, string>([[target, target]])
    const hops = new Map<string, number>([[target, 0]])
    const queue = [target]
    let best: { end: string; length: number } | null = null
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i]!
      const depth = hops.get(at)!
      // Breadth-first: nothing found past this depth can beat the best chain so far.
      if (best && depth + 1 >= best.length) break
      if (depth === MAX_HOPS) {
        best = { end: at, length: depth }
        importerOf.set(at, CHAIN_CUT)
        break
      }
      for (const importer of [...(lookup(at)?.importers ?? []), ...(lookup(at)?.dynamicImporters ?? [])]) {
        if (cameFrom.has(importer)) continue
        cameFrom.set(importer, at)
        hops.set(importer, depth + 1)
        const rest = knownLength(importer)
        if (rest === null) queue.push(importer)
        else if (!best || depth + 1 + rest < best.length) best = { end: importer, length: depth + 1 + rest }
      }
    }
    for (let at = best?.end ?? null; at !== null && at !== target; ) {
      const next = cameFrom.get(at)!
      importerOf.set(next, at)
      at = next
    }
  }
  return importerOf
}
