import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import type { ShipwatchRecord } from '../schema/parse-record.js'
import { appendLine } from './append-line.js'
import { boundString } from './bound-record.js'
import { DEFAULT_HISTORY_DIR, HISTORY_FILE, LATEST_FILE, TRACK_HANDOFF_ENV } from './paths.js'
import { type HistoryWarning, parseLines, readRecords } from './read-records.js'
import { findLastAppended } from './scan-backward.js'

export { DEFAULT_HISTORY_DIR, HISTORY_FILE, LATEST_FILE, TRACK_HANDOFF_ENV }

export interface HistoryFilter {
  kind?: ShipwatchRecord['kind']
  project?: string
  branch?: string
  /** Only records created at or after this time. */
  since?: Date | string
  /** The newest `limit` records (after the other filters). */
  limit?: number
  /** Any further condition. */
  where?: (record: ShipwatchRecord) => boolean
}

export interface HistoryStoreOptions {
  /** The history folder; relative paths resolve against `root`. @default 'test-artifacts/build-metrics' */
  dir?: string
  /** The project root. @default process.cwd() */
  root?: string
  /** Called for every damaged or foreign line met while loading. */
  onWarning?: (warning: HistoryWarning) => void
  /**
   * How `list` reads a line. By default the plain check of a line our own append() validated; reports pass the
   * full schema check (`parseRecord`), so a hand-edited or hostile line is a warning, never rendered.
   */
  parse?: (line: string) => ShipwatchRecord
}

/**
 * The history of build and deploy records: one JSON Lines file that many processes may append to at once.
 * Records are returned oldest first by `createdAt`.
 */
export class HistoryStore {
  readonly dir: string
  readonly file: string
  readonly #onWarning: (warning: HistoryWarning) => void
  readonly #parse: ((line: string) => ShipwatchRecord) | undefined

  constructor(options: HistoryStoreOptions = {}) {
    this.dir = resolve(options.root ?? process.cwd(), options.dir ?? DEFAULT_HISTORY_DIR)
    this.file = join(this.dir, HISTORY_FILE)
    this.#onWarning = options.onWarning ?? (() => {})
    this.#parse = options.parse
  }

  /**
   * Validates and appends one record (one O_APPEND write: safe with concurrent writers), its strings bounded by
   * `boundString`; a build record also replaces `latest.json`, atomically. Rejects with a RecordError for an invalid record, before writing anything.
   * `validate: false` is for the build plugins' records, assembled by typed code inside a build, where loading the
   * schema (zod) would be most of the plugin's cost; the tests validate those records.
   */
  async append(record: ShipwatchRecord, options: { validate?: boolean } = {}): Promise<ShipwatchRecord> {
    const valid = options.validate === false ? record : (await loadSchema()).parseRecord(record)
    mkdirSync(this.dir, { recursive: true })
    appendLine(this.file, JSON.stringify(valid, boundString))
    if (valid.kind === 'build') {
      const latest = join(this.dir, LATEST_FILE)
      const temp = `${latest}.${process.pid}.tmp`
      writeFileSync(temp, `${JSON.stringify(valid, boundString, 2)}\n`)
      renameSync(temp, latest)
    }
    return valid
  }

  /** Every valid record matching the filter, oldest first. */
  list(filter: HistoryFilter = {}): ShipwatchRecord[] {
    const since = filter.since === undefined ? null : new Date(filter.since).getTime()
    const matching = this.#load().filter(
      (r) =>
        (!filter.kind || r.kind === filter.kind) &&
        (!filter.project || r.project === filter.project) &&
        (!filter.branch || r.git.branch === filter.branch) &&
        (since === null || Date.parse(r.createdAt) >= since) &&
        (!filter.where || filter.where(r)),
    )
    return filter.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - filter.limit))
  }

  /** The newest record matching the filter, or null. */
  latest(filter: Omit<HistoryFilter, 'limit'> = {}): ShipwatchRecord | null {
    return this.list({ ...filter, limit: 1 })[0] ?? null
  }

  /**
   * The most recently appended record that passes `where`, found by reading the file backwards: cheap however long
   * the history is. A damaged line passed over on the way is a warning (counted from the end of the file).
   */
  lastAppended(where: (record: ShipwatchRecord) => boolean = () => true): ShipwatchRecord | null {
    try {
      return findLastAppended(this.file, where, (fromEnd, reason) =>
        this.#onWarning({ file: this.file, line: -fromEnd, reason }),
      )
    } catch (error) {
      // Node's read errors name no file; the code stays for callers that tell a user's path from our bug.
      const { code, message } = error as NodeJS.ErrnoException
      throw Object.assign(new Error(`cannot read ${this.file}: ${message}`), { code })
    }
  }

  /**
   * Adds the records of another history folder (e.g. downloaded CI artifacts) that this one lacks.
   * Records with an id already present collapse into one. Returns how many were added.
   */
  async merge(otherDir: string): Promise<number> {
    const { parseRecord } = await loadSchema()
    const known = new Set(this.#load().map((r) => r.id))
    let added = 0
    for (const file of historyFiles(otherDir)) {
      const { records, warnings } = readRecords(file, parseRecord)
      warnings.forEach(this.#onWarning)
      for (const record of records) {
        if (known.has(record.id)) continue
        known.add(record.id)
        await this.append(record, { validate: false })
        added++
      }
    }
    return added
  }

  /**
   * Keeps the newest `keep` records and drops the rest. Returns how many were removed. Appends made meanwhile are
   * kept: lines that reach the old file before the rename are copied over, and a writer whose line reached it after
   * appends again (see appendLine). One prune at a time per folder.
   */
  prune({ keep }: { keep: number }): number {
    let fd: number
    try {
      fd = openSync(this.file, 'r')
    } catch {
      return 0
    }
    try {
      const data = readRange(fd, 0, fstatSync(fd).size)
      // Up to the last newline: a line still being written is copied whole with the tail below.
      let read = data.lastIndexOf(0x0a) + 1
      const { records } = parseLines(data.subarray(0, read), this.file, this.#parse)
      const newest = uniqueByTime(records)
      if (newest.length <= keep) return 0
      const kept = newest.slice(newest.length - keep)
      const temp = `${this.file}.${process.pid}.tmp`
      writeFileSync(temp, kept.map((r) => `${JSON.stringify(r, boundString)}\n`).join(''))
      read += copyCompleteLines(fd, read, temp)
      // A rename is atomic: readers see the old file or the new one, never half of either.
      renameSync(temp, this.file)
      copyCompleteLines(fd, read, this.file)
      return newest.length - keep
    } finally {
      closeSync(fd)
    }
  }

  #load(): ShipwatchRecord[] {
    const { records, warnings } = readRecords(this.file, this.#parse)
    warnings.forEach(this.#onWarning)
    return uniqueByTime(records)
  }
}

/** One record per id (a line may be there twice after a prune raced an append), oldest first. */
function uniqueByTime(records: ShipwatchRecord[]): ShipwatchRecord[] {
  const unique = new Map<string, ShipwatchRecord>()
  for (const record of records) if (!unique.has(record.id)) unique.set(record.id, record)
  // ISO-8601 UTC timestamps sort correctly as plain strings.
  return [...unique.values()].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  )
}

function readRange(fd: number, from: number, to: number): Buffer {
  const data = Buffer.alloc(Math.max(0, to - from))
  let done = 0
  while (done < data.length) {
    const n = readSync(fd, data, done, data.length - done, from + done)
    if (n === 0) break
    done += n
  }
  return data.subarray(0, done)
}

/**
 * Appends to `target` the whole lines written to the open file after `from`; returns the bytes copied. A line still
 * being written is left: its writer appends it again once it sees the file replaced.
 */
function copyCompleteLines(fd: number, from: number, target: string): number {
  const tail = readRange(fd, from, fstatSync(fd).size)
  const end = tail.lastIndexOf(0x0a) + 1
  if (end > 0) appendFileSync(target, tail.subarray(0, end))
  return end
}

/** The schema, loaded only by what validates whole records. */
function loadSchema(): Promise<typeof import('../schema/parse-record.js')> {
  return import('../schema/parse-record.js')
}

function historyFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(dir, name))
}
