import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { BuildRecord } from '@shipwatch/core/lite'
import { appendLine, findLastAppended, HISTORY_FILE } from '@shipwatch/core/lite'

/** Where a project's history lives: the same files `HistoryStore` from `@shipwatch/core` reads. */
export interface HistoryFiles {
  dir: string
  file: string
}

export function historyFiles(root: string, outDir: string): HistoryFiles {
  const dir = resolve(root, outDir)
  return { dir, file: join(dir, HISTORY_FILE) }
}

/** The build a record is compared with. */
export type RecordIdentity = Pick<BuildRecord, 'id' | 'project' | 'git' | 'mode' | 'environment'>

/** The last comparable cold build: same project, branch, mode and environment. */
export function findPrevious(history: HistoryFiles, record: RecordIdentity): BuildRecord | null {
  const previous = findLastAppended(
    history.file,
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

/**
 * Appends the record to the history (one O_APPEND write, safe with concurrent builds) and replaces `latest.json`
 * atomically. The record was assembled by typed code, so the schema (zod) is not loaded inside the build; the
 * tests validate these records against it.
 */
export function writeRecord(history: HistoryFiles, record: BuildRecord): void {
  mkdirSync(history.dir, { recursive: true })
  appendLine(history.file, JSON.stringify(record))
  const latest = join(history.dir, 'latest.json')
  const temp = `${latest}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`)
  renameSync(temp, latest)
}
