import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BundleChunk, collectOutputs, fillTopModules, TopModulesCache } from '@shipwatch/core/lite'
import { afterAll, describe, expect, it } from 'vitest'
import { testChunk } from './helpers/chunk.js'

const temp = mkdtempSync(join(tmpdir(), 'shipwatch-top-modules-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))
let files = 0
const cacheFile = () => join(temp, `cache-${files++}.json`)

/** A chunk whose modules count every read of a rendered length, as Rolldown's native getters would cost. */
function chunk(fileName: string, sizes: Record<string, number>) {
  const counter = { reads: 0 }
  const modules = Object.fromEntries(
    Object.entries(sizes).map(([id, size]) => [
      id,
      {
        get renderedLength() {
          counter.reads++
          return size
        },
      },
    ]),
  )
  const item = testChunk(fileName, modules, Object.keys(sizes))
  return { item, counter }
}

/** The chunk's largest modules through the cache, with the chunk's modules as the build's module graph. */
function fill(item: BundleChunk, cache: TopModulesCache, contentHash: string | null) {
  const bundle = { [item.fileName]: item }
  const outputs = collectOutputs(bundle)
  const hashes = new Map(contentHash ? [[item.fileName, contentHash]] : [])
  fillTopModules(
    outputs,
    bundle,
    cache.forBundle(hashes, () => item.moduleIds ?? []),
  )
  return outputs[0]!.file.topModules
}

describe('TopModulesCache', () => {
  it('answers an unchanged chunk from the file, reading no module, in a later process', () => {
    const file = cacheFile()
    const first = chunk('a.js', { '/src/a.ts': 30, '/src/b.ts': 70 })
    const cache = new TopModulesCache(file)
    expect(fill(first.item, cache, 'hash-1')).toEqual([
      { id: '/src/b.ts', size: 70 },
      { id: '/src/a.ts', size: 30 },
    ])
    expect(first.counter.reads).toBe(2)
    cache.save()

    // Same bytes and module ids, but lengths that would give another answer if they were read.
    const again = chunk('a.js', { '/src/a.ts': 1, '/src/b.ts': 2 })
    expect(fill(again.item, new TopModulesCache(file), 'hash-1')).toEqual([
      { id: '/src/b.ts', size: 70 },
      { id: '/src/a.ts', size: 30 },
    ])
    expect(again.counter.reads).toBe(0)
  })

  it('reads the modules when the bytes differ, a module it names left the graph, or no hash is known', () => {
    const file = cacheFile()
    const cache = new TopModulesCache(file)
    fill(chunk('a.js', { '/src/a.ts': 30, '/src/b.ts': 70 }).item, cache, 'hash-1')
    cache.save()
    const cases: { sizes: Record<string, number>; hash: string | null }[] = [
      { sizes: { '/src/a.ts': 31, '/src/b.ts': 71 }, hash: 'hash-2' },
      // Renamed: minified bytes stay the same, so the names must be checked against the graph.
      { sizes: { '/src/a.ts': 32, '/src/renamed.ts': 72 }, hash: 'hash-1' },
      { sizes: { '/src/a.ts': 34, '/src/b.ts': 74 }, hash: null },
    ]
    for (const { sizes, hash } of cases) {
      const { item, counter } = chunk('a.js', sizes)
      const top = fill(item, new TopModulesCache(file), hash)
      expect(counter.reads, JSON.stringify(sizes)).toBe(2)
      expect(top[0]!.size).toBe(Math.max(...Object.values(sizes)))
    }
  })

  it('keeps an entry whose modules are all still in the graph, virtual ones included', () => {
    const file = cacheFile()
    const cache = new TopModulesCache(file)
    const first = chunk('a.js', { '\0virtual:x': 50, '/src/b.ts': 70 })
    expect(fill(first.item, cache, 'hash-v')).toEqual([
      { id: '/src/b.ts', size: 70 },
      { id: '(virtual) virtual:x', size: 50 },
    ])
    cache.save()
    // Another module of the chunk was renamed (its bytes did not change the file): the listed ones still exist.
    const again = chunk('a.js', { '\0virtual:x': 1, '/src/b.ts': 2, '/src/other-name.ts': 0 })
    expect(fill(again.item, new TopModulesCache(file), 'hash-v')[1]).toEqual({
      id: '(virtual) virtual:x',
      size: 50,
    })
    expect(again.counter.reads).toBe(0)
  })

  it('starts empty from a damaged file, and a damaged entry loses only itself', () => {
    const damaged = cacheFile()
    writeFileSync(damaged, '{"not json')
    const { item, counter } = chunk('a.js', { '/src/a.ts': 5 })
    expect(fill(item, new TopModulesCache(damaged), 'h')).toEqual([{ id: '/src/a.ts', size: 5 }])
    expect(counter.reads).toBe(1)

    const file = cacheFile()
    const cache = new TopModulesCache(file)
    fill(chunk('good.js', { '/src/good.ts': 9 }).item, cache, 'good')
    fill(chunk('bad.js', { '/src/bad.ts': 8 }).item, cache, 'bad')
    cache.save()
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect(Object.keys(entries).sort()).toEqual(['bad', 'good'])
    writeFileSync(file, JSON.stringify({ ...entries, bad: [['/src/bad.ts', 'eight']] }))
    const reloaded = new TopModulesCache(file)
    expect(reloaded.entryCount).toBe(1)
    const good = chunk('good.js', { '/src/good.ts': 1 })
    expect(fill(good.item, reloaded, 'good')).toEqual([{ id: '/src/good.ts', size: 9 }])
    expect(good.counter.reads).toBe(0)
  })

  it('writes only when something was added, keeping what the build used and the 200 most recent others', () => {
    const file = cacheFile()
    const cache = new TopModulesCache(file)
    for (let i = 0; i < 250; i++) fill(chunk(`c${i}.js`, { [`/src/m${i}.ts`]: i + 1 }).item, cache, `h${i}`)
    cache.save()
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toHaveLength(250)

    // A build that uses one old entry and adds one: that one, the new one and 200 others are kept.
    const next = new TopModulesCache(file)
    fill(chunk('c0.js', { '/src/m0.ts': 99 }).item, next, 'h0')
    fill(chunk('new.js', { '/src/new.ts': 7 }).item, next, 'new')
    next.save()
    const kept = Object.keys(JSON.parse(readFileSync(file, 'utf8')))
    expect(kept).toHaveLength(202)
    expect(kept).toContain('h0')
    expect(kept).toContain('new')

    // A build that finds everything known writes nothing.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"new"', '"renamed-by-test"'))
    const unchanged = new TopModulesCache(file)
    fill(chunk('c0.js', { '/src/m0.ts': 99 }).item, unchanged, 'h0')
    unchanged.save()
    expect(readFileSync(file, 'utf8')).toContain('"renamed-by-test"')
  })
})
