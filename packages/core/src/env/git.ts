import { existsSync } from 'node:fs'
import type { GitInfo } from '../schema/envelope.js'
import { worktreeMatchesHead } from './git-index.js'
import { type HeadFromFiles, readHeadFromFiles } from './git-objects.js'
import { type GitCommand, runGit } from './git-runner.js'

export interface GitFactsOptions {
  cwd: string
  /** The branch to compute the merge-base with (CI base branch, or `--base`). */
  baseRef?: string | null
  /** HEAD's facts when already started with `readGitHead` (build plugins start them early). */
  head?: Promise<GitHead>
}

export type GitHead = Omit<GitInfo, 'baseSha'>

export const EMPTY_GIT: GitInfo = {
  sha: null,
  branch: null,
  dirty: null,
  subject: null,
  author: null,
  committedAt: null,
  baseSha: null,
}

/**
 * HEAD's facts. When the repository's files answer everything (HEAD's commit from its object, a clean work tree from
 * the index and lstat: the usual local build), no process starts. Otherwise `git status --porcelain=v2 --branch`
 * gives sha, branch and dirtiness, and the commit's subject, author and date come from its object in `.git`, or
 * from `git log -1` when the files cannot say. Spawning forks the whole Node process, which blocks the calling
 * thread and makes it fault in every page it writes afterwards (≈ 20 ms per spawn on a VM with costly page faults,
 * ≈ 3 ms on a laptop, more the more memory the process holds): build plugins call this when their config is
 * resolved, the cheapest moment. Rejects outside a repository or without git.
 */
export function readGitHead(cwd: string): Promise<GitHead> {
  const fromFiles = readHeadFromFiles(cwd)
  const clean = fromFiles && cleanHead(fromFiles)
  if (clean) return Promise.resolve(clean)
  const status = runGit(['status', '--porcelain=v2', '--branch', '--untracked-files=no'], cwd)
  const log = fromFiles ? null : runGit(['log', '-1', '--format=%H%x00%s%x00%an%x00%cI'], cwd).catch(() => '')
  return Promise.all([status, log]).then(([statusOut, logOut]) => {
    const head = parseStatus(statusOut)
    const [sha, subject, author, committedAt] = (logOut ?? '').trim().split('\0')
    const commit = fromFiles?.commit ?? { sha, subject, author, committedAt }
    // HEAD may have moved between the two reads: commit details only for the sha git status reports.
    const same = !head.sha || commit.sha === head.sha
    return {
      sha: head.sha ?? (commit.sha || null),
      branch: head.branch,
      dirty: head.dirty,
      subject: same ? (commit.subject ?? null) : null,
      author: same ? (commit.author ?? null) : null,
      committedAt: same ? (commit.committedAt ?? null) : null,
    }
  })
}

/** HEAD's facts from the files alone, when HEAD is a branch (or detached) and the work tree surely matches it. */
function cleanHead(head: HeadFromFiles): GitHead | null {
  // HEAD pointing at something other than a branch is rare; git status names it.
  if (head.ref !== null && !head.ref.startsWith(BRANCH_PREFIX)) return null
  if (worktreeMatchesHead(head) === null) return null
  const { sha, subject, author, committedAt } = head.commit
  const branch = head.ref === null ? null : head.ref.slice(BRANCH_PREFIX.length)
  return { sha, branch, dirty: false, subject, author, committedAt }
}

const BRANCH_PREFIX = 'refs/heads/'

/**
 * Facts about HEAD and, with a base ref, the merge-base with it. Outside a repository or without git it returns
 * nulls and a reason, never throws: a build must not fail because it runs from a tarball.
 */
export async function readGitFacts(
  options: GitFactsOptions,
): Promise<{ git: GitInfo; warning: string | null }> {
  try {
    const [head, baseSha] = await Promise.all([
      options.head ?? readGitHead(options.cwd),
      options.baseRef ? mergeBase(options.cwd, options.baseRef, runGit) : Promise.resolve(null),
    ])
    return { git: { ...head, baseSha }, warning: null }
  } catch (error) {
    const message = (error as Error).message ?? String(error)
    if (/not a git repository/i.test(message))
      return { git: EMPTY_GIT, warning: `not a git repository: ${options.cwd}` }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // Node reports a missing working folder and a missing git binary alike.
      const why = existsSync(options.cwd) ? 'git is not installed or not on PATH' : `no folder ${options.cwd}`
      return { git: EMPTY_GIT, warning: `git facts unavailable: ${why}` }
    }
    return { git: EMPTY_GIT, warning: `git facts unavailable: ${message.split('\n')[0]}` }
  }
}

/** Reads the `# branch.*` headers and change lines of `git status --porcelain=v2 --branch`. */
export function parseStatus(output: string): { sha: string | null; branch: string | null; dirty: boolean } {
  let sha: string | null = null
  let branch: string | null = null
  let dirty = false
  for (const line of output.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      const oid = line.slice('# branch.oid '.length).trim()
      sha = oid === '(initial)' ? null : oid
    } else if (line.startsWith('# branch.head ')) {
      const name = line.slice('# branch.head '.length).trim()
      branch = name === '(detached)' ? null : name
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      dirty = true
    }
  }
  return { sha, branch, dirty }
}

async function mergeBase(cwd: string, ref: string, git: GitCommand): Promise<string | null> {
  // In CI the base branch usually exists only as a remote-tracking ref.
  for (const candidate of [ref, `origin/${ref}`]) {
    const sha = await git(['merge-base', 'HEAD', candidate], cwd).catch(() => '')
    if (sha.trim()) return sha.trim()
  }
  return null
}
