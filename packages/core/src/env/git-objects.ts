// HEAD's commit read from the repository's files instead of `git log`. Every spawn forks the Node process: on a
// VM with costly page faults that is ≈ 18 ms of a build's critical path, half of it in copy-on-write faults after
// the fork. Reading a commit object takes well under a millisecond. Anything unusual (reftable, an object in an
// alternate store, a non-UTF-8 commit, GIT_* overrides) returns null and the caller asks git instead.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { isoTime } from '../format/iso-time.js'

export interface HeadCommit {
  sha: string
  subject: string
  author: string
  committedAt: string
}

/** HEAD's commit, or null when the files do not say it plainly. Never throws. */
export function readHeadCommitFromFiles(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): HeadCommit | null {
  return readHeadFromFiles(cwd, env)?.commit ?? null
}

/** HEAD as the repository's files say it: where they are, the symbolic ref, the commit and its tree. */
export interface HeadFromFiles {
  dirs: GitDirs
  /** The ref HEAD points at (`refs/heads/main`), null when detached. */
  ref: string | null
  commit: HeadCommit
  tree: string
}

/** Like `readHeadCommitFromFiles`, with what a check of the work tree needs. Never throws. */
export function readHeadFromFiles(cwd: string, env: NodeJS.ProcessEnv = process.env): HeadFromFiles | null {
  try {
    if (env.GIT_DIR || env.GIT_OBJECT_DIRECTORY || env.GIT_ALTERNATE_OBJECT_DIRECTORIES) return null
    const dirs = findGitDirs(cwd)
    if (!dirs) return null
    const head = resolveHead(dirs)
    if (!head) return null
    const object = readObject(join(dirs.common, 'objects'), head.sha)
    const commit = object && parseCommit(head.sha, object)
    const tree = object && /^tree ([0-9a-f]+)$/m.exec(object.toString('latin1', 0, 128))?.[1]
    return commit && tree ? { dirs, ref: head.ref, commit, tree } : null
  } catch {
    return null
  }
}

export interface GitDirs {
  /** The work tree: the folder that holds `.git`. */
  worktree: string
  /** HEAD and the index live here (a worktree's own folder for linked worktrees). */
  own: string
  /** Objects, branches and packed-refs live here. */
  common: string
}

function findGitDirs(cwd: string): GitDirs | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, '.git')
    const stat = statSync(candidate, { throwIfNoEntry: false })
    if (stat?.isDirectory()) return withCommonDir(dir, candidate)
    if (stat?.isFile()) {
      // Linked worktrees and submodules: `.git` is a file that points at the real folder.
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(candidate, 'utf8'))
      return pointer ? withCommonDir(dir, resolve(dir, pointer[1]!.trim())) : null
    }
    if (dirname(dir) === dir) return null
  }
}

function withCommonDir(worktree: string, own: string): GitDirs {
  const common = readText(join(own, 'commondir'))
  return { worktree, own, common: common ? resolve(own, common.trim()) : own }
}

function resolveHead(dirs: GitDirs): { sha: string; ref: string | null } | null {
  let value = readText(join(dirs.own, 'HEAD'))?.trim()
  let first: string | null = null
  for (let depth = 0; value?.startsWith('ref: ') && depth < 5; depth++) {
    const ref = value.slice('ref: '.length).trim()
    first ??= ref
    value = (
      readText(join(dirs.own, ref)) ??
      readText(join(dirs.common, ref)) ??
      packedRef(dirs.common, ref)
    )?.trim()
  }
  return value && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(value) ? { sha: value, ref: first } : null
}

function packedRef(common: string, ref: string): string | null {
  const packed = readText(join(common, 'packed-refs'))
  const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`) && !l.startsWith('#'))
  return line ? line.slice(0, line.indexOf(' ')) : null
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

/** The body of a commit object (without its `<type> <size>\0` header), loose or packed; null for other types. */
function readObject(objects: string, sha: string): Buffer | null {
  let loose: Buffer
  try {
    loose = readFileSync(join(objects, sha.slice(0, 2), sha.slice(2)))
  } catch {
    return readPacked(objects, sha)
  }
  const inflated = inflateSync(loose)
  const nul = inflated.indexOf(0)
  return inflated.subarray(0, nul).toString('latin1').startsWith('commit ')
    ? inflated.subarray(nul + 1)
    : null
}

const OBJ_COMMIT = 1
const OBJ_OFS_DELTA = 6
const OBJ_REF_DELTA = 7
// Commits and their deltas are small; a longer one (a huge message) fails to inflate from this and falls back to git.
const PACKED_READ_BYTES = 16 * 1024
// git's own default limit on delta chains (pack.depth).
const MAX_DELTA_DEPTH = 50

function readPacked(objects: string, sha: string): Buffer | null {
  const packDir = join(objects, 'pack')
  let names: string[]
  try {
    names = readdirSync(packDir).filter((name) => name.endsWith('.idx'))
  } catch {
    return null
  }
  const id = Buffer.from(sha, 'hex')
  for (const name of names) {
    const index = join(packDir, name)
    const offset = findInIndex(index, id)
    if (offset === null) continue
    const files = { index, pack: index.replace(/\.idx$/, '.pack'), hashSize: id.length }
    const object = readPackEntry(files, offset, 0)
    return object?.type === OBJ_COMMIT ? object.data : null
  }
  return null
}

interface PackFiles {
  index: string
  pack: string
  /** 20 bytes (SHA-1) or 32 (SHA-256): the size of a base's name in a reference delta. */
  hashSize: number
}

/** The object at `offset` of a pack, deltas applied (git packs older commits as deltas of newer ones). */
function readPackEntry(
  files: PackFiles,
  offset: number,
  depth: number,
): { type: number; data: Buffer } | null {
  if (depth > MAX_DELTA_DEPTH) return null
  const entry = readAt(files.pack, offset, PACKED_READ_BYTES)
  // Entry header: type in bits 4–6 of the first byte, then the inflated size as a little-endian varint.
  let at = 0
  const type = (entry[at]! >> 4) & 7
  while (entry[at++]! & 0x80) {}
  if (type === OBJ_OFS_DELTA) {
    // The base's distance back from this entry, in git's offset encoding (each continuation adds one).
    let byte = entry[at++]!
    let distance = byte & 0x7f
    while (byte & 0x80) {
      byte = entry[at++]!
      distance = ((distance + 1) << 7) | (byte & 0x7f)
    }
    const base = readPackEntry(files, offset - distance, depth + 1)
    return base && { type: base.type, data: applyDelta(base.data, inflateSync(entry.subarray(at))) }
  }
  if (type === OBJ_REF_DELTA) {
    const baseId = entry.subarray(at, at + files.hashSize)
    const baseOffset = findInIndex(files.index, baseId)
    const base = baseOffset === null ? null : readPackEntry(files, baseOffset, depth + 1)
    const delta = inflateSync(entry.subarray(at + files.hashSize))
    return base && { type: base.type, data: applyDelta(base.data, delta) }
  }
  return { type, data: inflateSync(entry.subarray(at)) }
}

/** git's delta format: two sizes, then copy-from-base and insert-literal instructions. */
function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let at = 0
  const size = () => {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = delta[at++]!
      value += (byte & 0x7f) * 2 ** shift
      shift += 7
    } while (byte & 0x80)
    return value
  }
  if (size() !== base.length) throw new Error('delta does not fit its base')
  const out = Buffer.alloc(size())
  let written = 0
  while (at < delta.length) {
    const op = delta[at++]!
    if (op & 0x80) {
      let copyOffset = 0
      let copySize = 0
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) copyOffset |= delta[at++]! << (bit * 8)
      for (let bit = 0; bit < 3; bit++) if (op & (16 << bit)) copySize |= delta[at++]! << (bit * 8)
      written += base.copy(out, written, copyOffset >>> 0, (copyOffset >>> 0) + (copySize || 0x10000))
    } else if (op !== 0) {
      written += delta.copy(out, written, at, at + op)
      at += op
    } else {
      throw new Error('reserved delta instruction')
    }
  }
  if (written !== out.length) throw new Error('delta result has the wrong size')
  return out
}

/** Offset of an object in a version-2 pack index, reading only the fan-out and one slice of names. */
function findInIndex(path: string, id: Buffer): number | null {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(8 + 256 * 4)
    readSync(fd, head, 0, head.length, 0)
    if (head.readUInt32BE(0) !== 0xff744f63 || head.readUInt32BE(4) !== 2) return null
    const count = head.readUInt32BE(8 + 255 * 4)
    const first = id[0]!
    const lo = first === 0 ? 0 : head.readUInt32BE(8 + (first - 1) * 4)
    const hi = head.readUInt32BE(8 + first * 4)
    const size = id.length
    const names = Buffer.alloc((hi - lo) * size)
    readSync(fd, names, 0, names.length, 8 + 1024 + lo * size)
    for (let i = 0; i < hi - lo; i++) {
      if (!names.subarray(i * size, (i + 1) * size).equals(id)) continue
      const index = lo + i
      const offsets = 8 + 1024 + count * size + count * 4
      const small = Buffer.alloc(4)
      readSync(fd, small, 0, 4, offsets + index * 4)
      const offset = small.readUInt32BE(0)
      if (!(offset & 0x80000000)) return offset
      // Packs over 2 GiB keep large offsets in a second table.
      const large = Buffer.alloc(8)
      readSync(fd, large, 0, 8, offsets + count * 4 + (offset & 0x7fffffff) * 8)
      return Number(large.readBigUInt64BE(0))
    }
    return null
  } finally {
    closeSync(fd)
  }
}

function readAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    // Unzeroed: only the bytes read are handed out, and untouched pages cost nothing.
    const buffer = Buffer.allocUnsafe(length)
    const read = readSync(fd, buffer, 0, length, position)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/** The fields `git log -1 --format=%s%an%cI` prints, from a commit object's text. */
function parseCommit(sha: string, body: Buffer): HeadCommit | null {
  const text = body.toString('utf8')
  const split = text.indexOf('\n\n')
  const headers = (split === -1 ? text : text.slice(0, split)).split('\n')
  const message = split === -1 ? '' : text.slice(split + 2)
  let author: string | null = null
  let committedAt: string | null = null
  for (const line of headers) {
    if (line.startsWith('encoding ') && !/^encoding utf-?8$/i.test(line)) return null
    if (line.startsWith('author ')) author = line.slice('author '.length).replace(/ <[^>]*> .*$/, '')
    if (line.startsWith('committer ')) committedAt = isoDate(line)
  }
  if (author === null || committedAt === null) return null
  // git's %s: the lines of the first paragraph, each right-trimmed, joined by spaces.
  const subject = []
  for (const line of message.replace(/^\n+/, '').split('\n')) {
    const trimmed = line.trimEnd()
    if (trimmed === '') break
    subject.push(trimmed)
  }
  return { sha, subject: subject.join(' '), author, committedAt }
}

/** `committer Name <mail> 1700000000 +0130` → `2023-11-14T23:43:20+01:30`, as `%cI` prints it. */
function isoDate(line: string): string | null {
  const match = / (\d+) ([+-])(\d\d)(\d\d)$/.exec(line)
  if (!match) return null
  const [, seconds, sign, hours, minutes] = match
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes))
  const local = isoTime((Number(seconds) + offset * 60) * 1000).slice(0, 19)
  return `${local}${sign}${hours}:${minutes}`
}
