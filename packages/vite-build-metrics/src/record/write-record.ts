import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BuildRecord, HistoryStore } from '@shipwatch/core'

/** The last comparable cold build: same project, branch, mode and environment. */
export function findPrevious(store: HistoryStore, record: BuildRecord): BuildRecord | null {
  const previous = store.lastAppended(
    (r) =>
      r.kind === 'build' &&
      r.id !== record.id &&
      !r.watchRebuild &&
      r.project === record.project &&
      r.git.branch === record.git.branch &&
      r.mode === record.mode &&
      r.environment === record.environment,
  )
  return previous as BuildRecord | null
}

/** Appends the record to the history and replaces `latest.json` atomically. */
export function writeRecord(store: HistoryStore, record: BuildRecord): void {
  store.append(record)
  mkdirSync(store.dir, { recursive: true })
  const latest = join(store.dir, 'latest.json')
  const temp = `${latest}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`)
  renameSync(temp, latest)
}
