/** Longest chain followed: deeper graphs are cut, and a cycle in a hand-edited record cannot loop. */
const MAX_DEPTH = 20

/**
 * The import chain that pulls `id` into the build, entry first, from a record's `importers` (each module's importer
 * on a shortest path from an entry). Undefined when the record has none for it.
 */
export function importChain(
  importers: Readonly<Record<string, string>> | undefined,
  id: string,
): string[] | undefined {
  if (!importers || !Object.hasOwn(importers, id)) return undefined
  const chain = [id]
  let at = id
  while (Object.hasOwn(importers, at) && chain.length < MAX_DEPTH) {
    at = importers[at]!
    if (chain.includes(at)) break
    chain.push(at)
  }
  return chain.reverse()
}
