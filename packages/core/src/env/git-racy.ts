// Racily clean index entries: a file whose recorded time is not older than the index itself may have changed again
// within the same clock tick without its stat data showing it, so git compares its contents with the blob it
// recorded. A fresh clone or checkout writes most files a few ticks before its index, and the last few in the same
// tick: comparing those few here spares a `git status`, which forks the whole build process (≈ 20 ms on a VM).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readlinkSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

// More than this is left to git: its status reads them the same way, without our per-file cost in the build.
const MAX_RACY_ENTRIES = 256
const MAX_RACY_BYTES = 8 * 1024 * 1024
const SIZE_AT = 36
const HASH_AT = 40

export interface RacyEntry {
  /** Where the entry starts in the index. */
  at: number
  path: string
  symlink: boolean
}

export interface IndexTime {
  seconds: number
  nanoseconds: number
}

/**
 * Whether the entry's recorded mtime is the index's own or later, to the nanosecond: git's rule when built with
 * USE_NSEC. Git's usual build compares whole seconds, which in a fresh clone makes every entry racy; the finer rule
 * trusts exactly the entries whose change git itself would have caught (filesystems with coarse times fall back to
 * the seconds rule by themselves, their nanoseconds being 0).
 */
export function isRacy(fields: DataView, at: number, indexWritten: IndexTime): boolean {
  const seconds = fields.getUint32(at + 8)
  if (seconds !== indexWritten.seconds) return seconds > indexWritten.seconds
  return fields.getUint32(at + 12) >= indexWritten.nanoseconds
}

/**
 * True when every racy entry's content is the blob the index names. False when one differs, when there are too many
 * to read, or when anything could make git see the file's content differently from its bytes (attributes with eol
 * conversion or filters, autocrlf, config from the environment): git must judge those.
 */
export function racyEntriesUnchanged(
  index: Buffer,
  racy: readonly RacyEntry[],
  names: readonly string[],
  options: { hashSize: number; gitDir: string; repoConfig: string; env: NodeJS.ProcessEnv },
): boolean {
  if (racy.length > MAX_RACY_ENTRIES) return false
  let bytes = 0
  for (const entry of racy) bytes += index.readUInt32BE(entry.at + SIZE_AT)
  if (bytes > MAX_RACY_BYTES) return false
  if (contentMayBeConverted(names, options)) return false
  const algorithm = options.hashSize === 20 ? 'sha1' : 'sha256'
  return racy.every((entry) => {
    const content = entry.symlink
      ? readlinkSync(entry.path, { encoding: 'buffer' })
      : readFileSync(entry.path)
    const blob = createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest()
    return blob.equals(index.subarray(entry.at + HASH_AT, entry.at + HASH_AT + options.hashSize))
  })
}

// Settings under which git's clean step may hash other bytes than the file's. Filter drivers only act through
// attributes, which are looked for on their own.
const CONVERTING_CONFIG = /^\s*(autocrlf|eol|attributesfile)\s*=/im
const INCLUDE_SECTION = /^\s*\[\s*include(if\s+"[^"]*")?\s*\]/i
const INCLUDE_PATH = /^\s*path\s*=\s*(.*?)\s*$/i

/** Attributes anywhere git reads them, or converting settings in the repository's, user's or system's config. */
function contentMayBeConverted(
  names: readonly string[],
  { gitDir, repoConfig, env }: { gitDir: string; repoConfig: string; env: NodeJS.ProcessEnv },
): boolean {
  if (names.some((name) => name === '.gitattributes' || name.endsWith('/.gitattributes'))) return true
  if (env.GIT_CONFIG_PARAMETERS || env.GIT_CONFIG_COUNT || env.GIT_CONFIG_GLOBAL || env.GIT_CONFIG_SYSTEM)
    return true
  const home = env.HOME || homedir()
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config')
  const attributes = [join(gitDir, 'info/attributes'), join(xdg, 'git/attributes'), '/etc/gitattributes']
  if (attributes.some((file) => existsSync(file))) return true
  const configs: [text: string, dir: string][] = [
    [repoConfig, gitDir],
    ...[join(home, '.gitconfig'), join(xdg, 'git/config'), '/etc/gitconfig'].map(
      (file) => [readIfPresent(file), dirname(file)] as [string, string],
    ),
  ]
  return configs.some(([text, dir]) => converts(text, dir, home))
}

/**
 * Whether a config file, with the files it includes, sets a converting option. Includes are followed one level,
 * whatever their condition (actions/checkout includes its credentials this way); a deeper one counts as converting.
 */
function converts(text: string, dir: string, home: string, depth = 0): boolean {
  if (CONVERTING_CONFIG.test(text)) return true
  const included = includedFiles(text, dir, home)
  if (included.length > 0 && depth > 0) return true
  return included.some((file) => converts(readIfPresent(file), dirname(file), home, depth + 1))
}

function includedFiles(text: string, dir: string, home: string): string[] {
  const files: string[] = []
  let inInclude = false
  for (const line of text.split('\n')) {
    if (/^\s*\[/.test(line)) inInclude = INCLUDE_SECTION.test(line)
    const path = inInclude ? INCLUDE_PATH.exec(line)?.[1]?.replace(/^"(.*)"$/, '$1') : undefined
    if (path) files.push(path.startsWith('~/') ? join(home, path.slice(2)) : resolve(dir, path))
  }
  return files
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}
