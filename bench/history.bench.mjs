// History store: load of 10,000 records, and the cost of one append at 10 versus 10,000 records.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HistoryStore } from '@shipwatch/core'
import { appSizedBuildRecord } from '../test-support/records.ts'
import { ms, printTable, ratio, timeMedian } from './lib/measure.mjs'

function storeWith(count) {
  const dir = mkdtempSync(join(tmpdir(), 'shipwatch-bench-history-'))
  const start = Date.parse('2026-01-01')
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify(appSizedBuildRecord(i, start + i * 60_000)),
  )
  writeFileSync(join(dir, 'history.jsonl'), lines.length ? `${lines.join('\n')}\n` : '')
  return { dir, store: new HistoryStore({ dir }) }
}

export default async function historyBench() {
  const big = storeWith(10_000)
  const small = storeWith(10)
  const load = await timeMedian(() => big.store.list(), { runs: 5 })
  const perAppend = async (store) =>
    (await timeMedian(
      async () => {
        for (let i = 0; i < 100; i++)
          await store.append({ ...appSizedBuildRecord(i, Date.now()), id: randomUUID() })
      },
      { runs: 5 },
    )) / 100
  const at10 = await perAppend(small.store)
  const at10k = await perAppend(big.store)
  printTable('History store (median of 5 runs)', [
    ['operation', 'time', 'ratio'],
    ['load 10,000 records (≈7.4 kB each, 74 MB)', ms(load), load < 1000 ? 'bar: < 1 s ✓' : 'bar: < 1 s ✗'],
    ['append, history of 10 records', ms(at10), '1.00×'],
    ['append, history of 10,000 records', ms(at10k), ratio(at10k, at10)],
  ])
  rmSync(big.dir, { recursive: true, force: true })
  rmSync(small.dir, { recursive: true, force: true })
}
