// Whether the work tree matches HEAD, from `.git/index` and lstat alone: the question `git status
// --untracked-files=no` answers, without forking the build process for it (≈ 20 ms on a VM with costly page faults).
// Only a sure "clean" is answered here. Anything else (a file whose stat data differs from the index, racy entries
// that are many or differ from their blobs, staged changes, conflicts, submodules, sparse or split indexes, index
// version 4) returns null, and the caller asks git, which compares contents.
import { closeSync, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HeadFromFiles } from './git-objects.js'
import { type IndexTime, isRacy, type RacyEntry, racyEntriesUnchanged } from './git-racy.js'

// Above this many entries, stat-ing every file (≈ 10 µs each on a slow VM, 1 µs on a laptop) may cost more than
// one git process.
const MAX_ENTRIES = 2_000
const MODE_TYPE = 0o170000
const MODE_FILE = 0o100000
const MODE_SYMLINK = 0o120000
const FLAG_ASSUME_VALID = 0x8000
const FLAG_EXTENDED = 0x4000
const FLAG_STAGE = 0x3000
const NAME_MASK = 0xfff
const NS = 1_000_000_000n
const NO_THROW = { throwIfNoEntry: false } as const
// The index keeps stat fields as 32-bit numbers.
const u32 = (value: number) => value % 2 ** 32

/** True when the index and every tracked file match HEAD's tree as git would judge them; null when unsure. */
export function worktreeMatchesHead(head: HeadFromFiles, env: NodeJS.ProcessEnv = process.env): true | null {
  try {
    if (env.GIT_INDEX_FILE || env.GIT_WORK_TREE) return null
    const repoConfig = readFileSync(join(head.dirs.common, 'config'), 'utf8')
    // A relocated work tree (`core.worktree`) is somewhere else than the folder holding `.git`.
    if (/^\s*worktree\s*=/m.test(repoConfig)) return null
    const { data, mtimeNs } = readIndex(join(head.dirs.own, 'index'))
    // These loops run once per build, before V8 optimises them: a DataView's reads are builtins, where
    // Buffer#readUInt32BE is JavaScript, and slicing one decoded string beats decoding each path.
    const index: IndexData = {
      data,
      fields: new DataView(data.buffer, data.byteOffset, data.byteLength),
      text: data.toString('latin1'),
    }
    const hashSize = head.tree.length / 2
    const entries = readEntries(index, hashSize)
    // The cheap checks first: staged changes need no stat calls to be told apart.
    if (!entries || cacheTreeRoot(data, entries.end, hashSize) !== head.tree) return null
    // Index paths use `/` on every platform, and lstat takes it everywhere; `join` per entry costs more than the call.
    const root = `${head.dirs.worktree}/`
    const written: IndexTime = { seconds: Number(mtimeNs / NS), nanoseconds: Number(mtimeNs % NS) }
    const racy: RacyEntry[] = []
    for (const entry of entries.list) {
      const path = root + entry.name
      if (!statMatches(index.fields, entry.at, path)) return null
      if (isRacy(index.fields, entry.at, written))
        racy.push({
          at: entry.at,
          path,
          symlink: (index.fields.getUint32(entry.at + 24) & MODE_TYPE) === MODE_SYMLINK,
        })
    }
    if (racy.length === 0) return true
    const names = entries.list.map((entry) => entry.name)
    const options = { hashSize, gitDir: head.dirs.common, repoConfig, env }
    return racyEntriesUnchanged(data, racy, names, options) ? true : null
  } catch {
    return null
  }
}

/** The index file, with two cheap ways to read it. */
interface IndexData {
  data: Buffer
  fields: DataView
  /** The whole file as latin1: the right text for ASCII paths. */
  text: string
}

// Anything but printable ASCII (and tab, CR, LF) sends a path to the UTF-8 decoder.
const NON_ASCII = /[^ -~\t\n\r]/

function readIndex(path: string): { data: Buffer; mtimeNs: bigint } {
  const fd = openSync(path, 'r')
  try {
    return { mtimeNs: fstatSync(fd, { bigint: true }).mtimeNs, data: readFileSync(fd) }
  } finally {
    closeSync(fd)
  }
}

/**
 * The entries (offset and path) and where the extensions start; null for what only git should judge: index version
 * 4, too many entries, a conflict, assume-unchanged, skip-worktree or intent-to-add, a name too long for the flags.
 */
function readEntries(
  { data, fields, text }: IndexData,
  hashSize: number,
): { list: { at: number; name: string }[]; end: number } | null {
  if (!text.startsWith('DIRC')) return null
  const version = fields.getUint32(4)
  const count = fields.getUint32(8)
  if ((version !== 2 && version !== 3) || count > MAX_ENTRIES) return null
  const list: { at: number; name: string }[] = []
  let at = 12
  for (let i = 0; i < count; i++) {
    const flags = fields.getUint16(at + 40 + hashSize)
    if (flags & (FLAG_ASSUME_VALID | FLAG_EXTENDED | FLAG_STAGE) || (flags & NAME_MASK) === NAME_MASK)
      return null
    const nameLength = flags & NAME_MASK
    const nameStart = at + 42 + hashSize
    let name = text.slice(nameStart, nameStart + nameLength)
    if (NON_ASCII.test(name)) name = data.toString('utf8', nameStart, nameStart + nameLength)
    list.push({ at, name })
    // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
    at += (42 + hashSize + nameLength + 8) & ~7
  }
  return { list, end: at }
}

/** Whether a tracked file's stat data is what the index recorded (racy entries are then read: `git-racy.ts`). */
function statMatches(fields: DataView, at: number, path: string): boolean {
  const mode = fields.getUint32(at + 24)
  const type = mode & MODE_TYPE
  if (type !== MODE_FILE && type !== MODE_SYMLINK) return false // a submodule: its own state counts
  // Number stats, not bigint: a BigIntStats and the arithmetic on it allocate ≈ 350 B more per file, and on a VM
  // fresh heap pages fault (≈ 5 µs per kB). Times come as milliseconds with ≈ 0.25 µs resolution, so the index's
  // seconds and nanoseconds are compared within 1 µs: closer than git itself looks without USE_NSEC.
  const stat = lstatSync(path, NO_THROW)
  if (!stat) return false
  if (type === MODE_SYMLINK ? !stat.isSymbolicLink() : !stat.isFile()) return false
  if (type === MODE_FILE && (mode & 0o100) !== (stat.mode & 0o100)) return false
  return (
    sameTime(stat.ctimeMs, fields.getUint32(at), fields.getUint32(at + 4)) &&
    sameTime(stat.mtimeMs, fields.getUint32(at + 8), fields.getUint32(at + 12)) &&
    u32(stat.dev) === fields.getUint32(at + 16) &&
    u32(stat.ino) === fields.getUint32(at + 20) &&
    u32(stat.uid) === fields.getUint32(at + 28) &&
    u32(stat.gid) === fields.getUint32(at + 32) &&
    u32(stat.size) === fields.getUint32(at + 36)
  )
}

/** Whether a stat time in ms is the index's seconds and nanoseconds, within 1 µs. */
function sameTime(ms: number, seconds: number, nanoseconds: number): boolean {
  return Math.abs(ms - (seconds * 1000 + nanoseconds / 1_000_000)) < 0.001
}

/**
 * The tree the index would commit, from its cache-tree extension (`TREE`), when that is valid; null otherwise, or
 * when a split index (`link`), a sparse index (`sdir`) or another required extension means the entries are not all.
 */
function cacheTreeRoot(data: Buffer, extensions: number, hashSize: number): string | null {
  let at = extensions
  let root: string | null = null
  while (at + 8 <= data.length - hashSize) {
    const signature = data.toString('latin1', at, at + 4)
    const size = data.readUInt32BE(at + 4)
    const body = at + 8
    if (signature === 'TREE') {
      // Root entry: an empty path, NUL, "<entries> <subtrees>\n", then its object name when entries ≥ 0.
      const line = data.indexOf(0x0a, body + 1)
      const [entries] = data.toString('latin1', body + 1, line).split(' ')
      if (data[body] === 0 && Number(entries) >= 0) root = data.toString('hex', line + 1, line + 1 + hashSize)
    } else if (signature[0]! >= 'a' && signature[0]! <= 'z') {
      return null
    }
    at = body + size
  }
  return root
}
