/** What the bundler's module graph tells about one module (Rollup's and Rolldown's `getModuleInfo`). */
export interface GraphModule {
  isEntry: boolean
  importers: readonly string[]
  dynamicImporters: readonly string[]
}

/** Most modules looked up per build: a graph this large gets chains for the modules reached first. */
const MAX_LOOKUPS = 50_000

/**
 * For each target module, one shortest import chain from an entry, as a map from each module on it to its importer.
 * Searches backwards from the target (breadth-first, static importers before dynamic ones) and stops at an entry or
 * at a module whose chain is already known, so shared prefixes are walked once.
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
  const known = (id: string) => importerOf.has(id) || lookup(id)?.isEntry === true
  for (const target of targets) {
    if (known(target)) continue
    // `cameFrom` points one step back towards the target.
    const cameFrom = new Map<string, string>([[target, target]])
    const queue = [target]
    let found: string | null = null
    for (let i = 0; i < queue.length && !found; i++) {
      const node = lookup(queue[i]!)
      if (!node) continue
      for (const importer of [...node.importers, ...node.dynamicImporters]) {
        if (cameFrom.has(importer)) continue
        cameFrom.set(importer, queue[i]!)
        if (known(importer)) {
          found = importer
          break
        }
        queue.push(importer)
      }
    }
    for (let at = found; at !== null && at !== target; ) {
      const next = cameFrom.get(at)!
      importerOf.set(next, at)
      at = next
    }
  }
  return importerOf
}
