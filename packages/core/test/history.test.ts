import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type BuildRecord,
  HistoryStore,
  type HistoryWarning,
  MAX_STRING_CHARS,
  parseRecord,
  RecordError,
  SCHEMA_VERSION,
} from '@shipwatch/core'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleBuildRecord, sampleDeployRecord } from '../../../test-support/records.js'
import { exitOf, spawnTsx } from './helpers/run-tsx.js'

const worker = fileURLToPath(new URL('./helpers/append-worker.ts', import.meta.url))
const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipwatch-history-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function at(iso: string) {
  return { createdAt: new Date(iso).toISOString() }
}

describe('HistoryStore', () => {
  it('defaults to test-artifacts/build-metrics under the root', async () => {
    const store = new HistoryStore({ root: '/project' })
    expect(store.file).toBe('/project/test-artifacts/build-metrics/history.jsonl')
  })

  it('appends, lists oldest first, filters and finds the latest', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const b2 = await store.append(
      sampleBuildRecord({ ...at('2026-11-02'), git: { ...sampleBuildRecord().git, branch: 'feat' } }),
    )
    const b1 = await store.append(sampleBuildRecord(at('2026-11-01')))
    const d1 = await store.append(sampleDeployRecord(at('2026-11-03')))
    expect(store.list().map((r) => r.id)).toEqual([b1.id, b2.id, d1.id])
    expect(store.list({ kind: 'build' }).map((r) => r.id)).toEqual([b1.id, b2.id])
    expect(store.list({ branch: 'feat' }).map((r) => r.id)).toEqual([b2.id])
    expect(store.list({ since: '2026-11-02' }).map((r) => r.id)).toEqual([b2.id, d1.id])
    expect(store.list({ limit: 2 }).map((r) => r.id)).toEqual([b2.id, d1.id])
    expect(store.latest({ kind: 'build' })?.id).toBe(b2.id)
    expect(store.latest({ branch: 'nope' })).toBeNull()
  })

  it('refuses an invalid record before writing anything', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    await expect(store.append({ ...sampleBuildRecord(), durationMs: -1 })).rejects.toThrow(RecordError)
    expect(store.list()).toEqual([])
  })

  it('merges another history, collapsing duplicates by id', async () => {
    const mine = new HistoryStore({ dir: tempDir() })
    const theirs = new HistoryStore({ dir: tempDir() })
    const shared = sampleBuildRecord(at('2026-11-01'))
    await mine.append(shared)
    await theirs.append(shared)
    const extra = await theirs.append(sampleDeployRecord(at('2026-11-02')))
    expect(await mine.merge(theirs.dir)).toBe(1)
    expect(await mine.merge(theirs.dir)).toBe(0)
    expect(mine.list().map((r) => r.id)).toEqual([shared.id, extra.id])
  })

  it('prunes to the newest records', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const ids: string[] = []
    for (const d of [1, 2, 3, 4, 5]) ids.push((await store.append(sampleBuildRecord(at(`2026-11-0${d}`)))).id)
    expect(store.prune({ keep: 2 })).toBe(3)
    expect(store.list().map((r) => r.id)).toEqual(ids.slice(3))
    expect(store.prune({ keep: 10 })).toBe(0)
  })

  it('loses no append made while prune runs: 5 writers × 100 records against back-to-back prunes', async () => {
    const dir = tempDir()
    const store = new HistoryStore({ dir })
    // Old records for every prune to drop, so each one really rewrites the file.
    const old = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify(sampleBuildRecord({ ...at(`2020-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`) })),
    )
    writeFileSync(store.file, `${old.join('\n')}\n`)
    const children = Array.from({ length: 5 }, (_, p) => spawnTsx(worker, [dir, '100', `race${p}`]))
    const done = Promise.all(children.map(exitOf))
    let running = true
    void done.then(() => {
      running = false
    })
    let rewrites = 0
    while (running) {
      if (store.prune({ keep: 500 }) > 0) rewrites++
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect((await done).every((c) => c === 0)).toBe(true)
    expect(rewrites).toBeGreaterThan(1)
    const appended = store.list().filter((r) => r.project.startsWith('race'))
    expect(new Set(appended.map((r) => r.project)).size).toBe(500)
  }, 60_000)

  it('skips damaged and foreign lines with a warning naming file and line, keeping every valid record', async () => {
    const warnings: HistoryWarning[] = []
    const store = new HistoryStore({ dir: tempDir(), onWarning: (w) => warnings.push(w) })
    const first = await store.append(sampleBuildRecord(at('2026-11-01')))
    appendFileSync(store.file, '{"truncated": \n')
    appendFileSync(store.file, '{"name":"some other tool"}\n')
    appendFileSync(store.file, `${JSON.stringify({ ...sampleBuildRecord(), schemaVersion: 99 })}\n`)
    const last = await store.append(sampleDeployRecord(at('2026-11-02')))
    expect(store.list().map((r) => r.id)).toEqual([first.id, last.id])
    expect(warnings.map((w) => [w.file, w.line])).toEqual([
      [store.file, 2],
      [store.file, 3],
      [store.file, 4],
    ])
    expect(warnings[2]!.reason).toMatch(/upgrade/)
  })

  it('loads version-1 lines as current records (a history kept from before outcomes)', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const { outcome: _, ...current } = sampleBuildRecord({ ...at('2026-11-01'), exitCode: 2 })
    const v1 = {
      ...current,
      schemaVersion: 1,
      outputs: current.outputs.map(({ modules, ...o }) => ({ ...o, topModules: modules })),
    }
    appendFileSync(store.file, `${JSON.stringify(v1)}\n`)
    const [loaded] = store.list() as BuildRecord[]
    expect(loaded?.outcome.result).toBe('failed')
    expect(store.lastAppended()?.schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('loads version-2 lines with their 10 largest modules as the modules (no per-package sizes)', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const current = sampleBuildRecord(at('2026-11-01'))
    const v2 = {
      ...current,
      schemaVersion: 2,
      outputs: current.outputs.map(({ modules, ...o }) => ({ ...o, topModules: modules })),
    }
    appendFileSync(store.file, `${JSON.stringify(v2)}\n`)
    const [loaded] = store.list() as BuildRecord[]
    expect(loaded).toEqual({ ...current, schemaVersion: SCHEMA_VERSION })
    expect(parseRecord(JSON.stringify(v2))).toEqual(loaded)
  })

  it('reads a record behind a byte-order mark the same way in list and in the backward scan', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const record = sampleBuildRecord()
    writeFileSync(store.file, `\uFEFF${JSON.stringify(record)}\n`)
    expect(store.list().map((r) => r.id)).toEqual([record.id])
    expect(store.lastAppended()?.id).toBe(record.id)
  })

  it('keeps the next record whole after a writer died mid-line', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const before = await store.append(sampleBuildRecord(at('2026-11-01')))
    const torn = JSON.stringify(sampleBuildRecord()).slice(0, 200)
    appendFileSync(store.file, torn) // no newline: the crashed writer's half record
    const after = await store.append(sampleBuildRecord(at('2026-11-02')))
    expect(store.list().map((r) => r.id)).toEqual([before.id, after.id])
  })

  it('loads an unreadable foreign file as empty with a warning', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'history.jsonl'), Buffer.from([0xff, 0xfe, 0x00, 0x01]))
    const warnings: HistoryWarning[] = []
    expect(new HistoryStore({ dir, onWarning: (w) => warnings.push(w) }).list()).toEqual([])
    expect(warnings).toHaveLength(1)
  })

  it('loses nothing when 20 processes append 50 records each at once', async () => {
    const dir = tempDir()
    const children = Array.from({ length: 20 }, (_, p) => spawnTsx(worker, [dir, '50', `p${p}`]))
    const codes = await Promise.all(children.map(exitOf))
    expect(codes.every((c) => c === 0)).toBe(true)
    const warnings: HistoryWarning[] = []
    const records = new HistoryStore({ dir, onWarning: (w) => warnings.push(w) }).list()
    expect(warnings).toEqual([])
    expect(records).toHaveLength(1000)
    expect(new Set(records.map((r) => r.project)).size).toBe(1000)
  }, 60_000)

  it('keeps every acknowledged record readable when a writer is killed with SIGKILL mid-write', async () => {
    const dir = tempDir()
    // Large records (≈2 MB each) make it likely that the kill lands inside a write.
    const child = spawnTsx(worker, [dir, '1000', 'killed', String(2_000_000)])
    let acknowledged = 0
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const matches = [...chunk.toString().matchAll(/wrote (\d+)/g)]
        if (matches.length > 0) acknowledged = Number(matches.at(-1)![1])
        if (acknowledged >= 5) {
          child.kill('SIGKILL')
          resolve()
        }
      })
    })
    await exitOf(child)
    const store = new HistoryStore({ dir })
    const survivors = store.list().length
    expect(survivors).toBeGreaterThanOrEqual(acknowledged)
    // A new writer after the crash still lands whole.
    await store.append(sampleBuildRecord({ project: 'after-crash' }))
    expect(store.list().at(-1)?.project).toBe('after-crash')
    expect(store.list().length).toBe(survivors + 1)
  }, 60_000)
})

describe('HistoryStore.lastAppended', () => {
  it('bounds what one record holds: a 10 MB subject and message are stored clipped', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const huge = 'z'.repeat(10_000_000)
    await store.append(
      sampleBuildRecord({
        git: { ...sampleBuildRecord().git, subject: huge },
        outcome: { result: 'failed', reasons: [{ kind: 'bundler', message: huge }] },
      }),
      { validate: false },
    )
    const line = readFileSync(store.file, 'utf8')
    expect(line.length).toBeLessThan(20_000)
    const stored = store.lastAppended() as BuildRecord
    expect(stored.git.subject).toHaveLength(MAX_STRING_CHARS)
    expect(stored.git.subject!.endsWith('…')).toBe(true)
  })

  it('reads past a 20 MB last line in about the time of reading and parsing the file once', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const target = sampleBuildRecord({ git: { ...sampleBuildRecord().git, branch: 'main' } })
    // Written raw, as a history from an older version or another tool may hold it.
    const big = sampleBuildRecord({
      git: { ...sampleBuildRecord().git, branch: 'feat', subject: 'q'.repeat(20_000_000) },
    })
    writeFileSync(store.file, `${JSON.stringify(target)}\n${JSON.stringify(big)}\n`)
    const best = (work: () => void) => {
      let fastest = Number.POSITIVE_INFINITY
      for (let i = 0; i < 3; i++) {
        const start = performance.now()
        work()
        fastest = Math.min(fastest, performance.now() - start)
      }
      return fastest
    }
    const scan = best(() => expect(store.lastAppended((r) => r.git.branch === 'main')?.id).toBe(target.id))
    const readOnce = best(() =>
      readFileSync(store.file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    )
    // Linear: ≈ 1× here. The old scan re-joined the carried bytes for every 64 KiB chunk: ≈ 60× (15 s).
    expect(scan / readOnce).toBeLessThan(4)
  }, 60_000)

  it('finds the newest matching record from the end, across chunk boundaries and damaged lines', async () => {
    const store = new HistoryStore({ dir: tempDir() })
    const big = 'y'.repeat(100_000) // records larger than the 64 KiB read chunk
    const main = await store.append(
      sampleBuildRecord({ git: { ...sampleBuildRecord().git, branch: 'main', subject: big } }),
    )
    for (let i = 0; i < 3; i++)
      await store.append(
        sampleBuildRecord({ git: { ...sampleBuildRecord().git, branch: 'feat', subject: big } }),
      )
    appendFileSync(store.file, '{"torn": tr')
    expect(store.lastAppended((r) => r.git.branch === 'main')?.id).toBe(main.id)
    expect(store.lastAppended((r) => r.git.branch === 'feat')?.git.branch).toBe('feat')
    expect(store.lastAppended((r) => r.git.branch === 'nope')).toBeNull()
    expect(new HistoryStore({ dir: tempDir() }).lastAppended()).toBeNull()
  })
})
