import { describe, expect, it } from 'vitest'
import { CHAIN_CUT, findImportChains, type GraphModule } from '../src/collect/import-chains.js'

/** A graph from `importer → imported` pairs; `entries` are entries. */
function graph(edges: [string, string][], entries: string[]) {
  const modules = new Map<string, GraphModule & { importers: string[] }>()
  const node = (id: string) => {
    if (!modules.has(id))
      modules.set(id, { isEntry: entries.includes(id), importers: [], dynamicImporters: [] })
    return modules.get(id)!
  }
  for (const [from, to] of edges) {
    node(from)
    node(to).importers.push(from)
  }
  const lookups: string[] = []
  return {
    lookups,
    info: (id: string) => {
      lookups.push(id)
      return modules.get(id) ?? null
    },
  }
}

describe('import chains', () => {
  it('take a shortest path to an entry, and walk a shared prefix once', () => {
    const g = graph(
      [
        ['index.html', 'main'],
        ['main', 'router'],
        ['router', 'a'],
        ['router', 'b'],
        ['main', 'b'],
      ],
      ['index.html'],
    )
    const chains = findImportChains(['a', 'b'], g.info)
    expect(Object.fromEntries(chains)).toEqual({ a: 'router', router: 'main', main: 'index.html', b: 'main' })
    expect(g.lookups.filter((id) => id === 'main')).toHaveLength(1)
  })

  it('keep the 8 imports nearest a module of a longer chain, then mark the cut', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `m${i}`)
    const g = graph(
      ids.slice(1).map((id, i) => [ids[i]!, id]),
      ['m0'],
    )
    const chains = findImportChains(['m19'], g.info)
    expect(chains.size).toBe(9)
    expect(chains.get('m11')).toBe(CHAIN_CUT)
    expect(chains.get('m19')).toBe('m18')
  })
})
