import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { type KnownTopModules, type TopModules, VIRTUAL_PREFIX } from './collect-outputs.js'

// Entries a cache file keeps besides those the last build used: room for a few builds' worth of changed chunks.
const KEEP_OTHERS = 200

/**
 * The largest modules of chunks built before, persisted as JSON. Rolldown answers each module's rendered length
 * across its native boundary (≈ 4–7 ms of main thread for 3,800 modules), and a chunk whose file has the same bytes
 * has the same modules with the same lengths. The key is the file's content hash (the one the size cache uses).
 * Minified code does not name its modules, so a module renamed or moved keeps the bytes: an entry counts only while
 * every module it names is still in the build's module graph. (Reading each chunk's module ids to key by them too
 * copied every id across the native boundary again: ≈ 500 kB of strings per build.) A missing or damaged file is an
 * empty cache.
 */
export class TopModulesCache {
  readonly #entries = new Map<string, TopModules>()
  #used = 0
  #dirty = false

  constructor(readonly file: string | null) {
    if (file) this.#load(file)
  }

  /**
   * Lookups for one bundle whose written files have the content hashes given, by file name (filled in by the time
   * of the first lookup), in a build whose module graph `graphIds` gives.
   */
  forBundle(contentHashes: ReadonlyMap<string, string>, graphIds: () => readonly string[]): KnownTopModules {
    let inGraph: Set<string> | null = null
    const current = (top: TopModules) => {
      inGraph ??= this.#namedModulesIn(contentHashes, graphIds())
      return top.every((m) => inGraph!.has(rawModuleId(m.id)))
    }
    return {
      of: (chunk, read) => {
        const hash = contentHashes.get(chunk.fileName)
        return hash ? this.#lookup(hash, read, current) : read()
      },
    }
  }

  /**
   * Which modules named by the entries these hashes find are in the graph: one pass over the graph with a set of at
   * most a few hundred names, where a set of the whole graph would allocate ≈ 40 B per module.
   */
  #namedModulesIn(contentHashes: ReadonlyMap<string, string>, graphIds: readonly string[]): Set<string> {
    const named = new Set<string>()
    for (const hash of contentHashes.values())
      for (const m of this.#entries.get(hash) ?? []) named.add(rawModuleId(m.id))
    const found = new Set<string>()
    if (named.size === 0) return found
    for (let i = 0; i < graphIds.length; i++) if (named.has(graphIds[i]!)) found.add(graphIds[i]!)
    return found
  }

  get entryCount(): number {
    return this.#entries.size
  }

  /** Writes the file (atomically) when this build added entries; keeps the used ones and the most recent others. */
  save(): void {
    if (!this.file || !this.#dirty) return
    mkdirSync(dirname(this.file), { recursive: true })
    const kept = [...this.#entries].slice(-(this.#used + KEEP_OTHERS))
    const temp = `${this.file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(Object.fromEntries(kept.map(([key, top]) => [key, toPairs(top)]))))
    renameSync(temp, this.file)
    this.#dirty = false
  }

  #lookup(key: string, read: () => TopModules, current: (top: TopModules) => boolean): TopModules {
    this.#used++
    const known = this.#entries.get(key)
    const valid = known !== undefined && current(known)
    // A hit moves to the end, which `save` keeps.
    this.#entries.delete(key)
    if (valid) {
      this.#entries.set(key, known)
      return known
    }
    const top = read()
    this.#entries.set(key, top)
    this.#dirty = true
    return top
  }

  #load(file: string): void {
    let data: unknown
    try {
      data = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      return // No cache yet, or a damaged one: start empty.
    }
    if (!data || typeof data !== 'object') return
    for (const [key, pairs] of Object.entries(data)) {
      const top = fromPairs(pairs)
      if (top) this.#entries.set(key, top)
    }
  }
}

/** The id a listed module has in the graph: `cleanModuleId` undone for virtual modules. */
function rawModuleId(id: string): string {
  return id.startsWith(VIRTUAL_PREFIX) ? `\0${id.slice(VIRTUAL_PREFIX.length)}` : id
}

// `[id, size]` pairs: half the bytes of `{ id, size }` objects in the file.
function toPairs(top: TopModules): [string, number][] {
  return top.map((m) => [m.id, m.size])
}

/** An entry read back, or null when it is not a list of `[id, size]` pairs (a damaged file loses only that entry). */
function fromPairs(value: unknown): TopModules | null {
  if (!Array.isArray(value)) return null
  const top: TopModules = []
  for (const pair of value) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'number') return null
    top.push({ id: pair[0], size: pair[1] })
  }
  return top
}
