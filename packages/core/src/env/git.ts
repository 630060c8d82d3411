import { existsSync } from 'node:fs'
import type { GitInfo } from '../schema/envelope.js'
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

// A subject is one line in every report and tooltip; a pasted log must not make every record and chart huge.
const SUBJECT_CHARS = 200

function clip(text: string | undefined, chars: number): string | null {
  if (text === undefined) return null
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`
}

/**
 * HEAD's facts from git itself: `git status` for sha, branch and dirtiness (tracked files only) and `git log -1` for
 * the commit's subject, author and date, run concurrently. Build plugins start this when their config is resolved and
 * await it when the record is written. Rejects outside a repository or without git.
 */
export async function readGitHead(cwd: string, git: GitCommand = runGit): Promise<GitHead> {
  const [statusOut, logOut] = await Promise.all([
    git(['status', '--porcelain=v2', '--branch', '--untracked-files=no'], cwd),
    // A repository without commits has no log; status still answers.
    git(['log', '-1', '--format=%H%x00%s%x00%an%x00%cI', '--'], cwd).catch(() => ''),
  ])
  const head = parseStatus(statusOut)
  const [sha, subject, author, committedAt] = logOut.trim().split('\0')
  // HEAD may have moved between the two commands: commit details only for the sha git status reports.
  const same = Boolean(sha) && sha === head.sha
  return {
    sha: head.sha,
    branch: head.branch,
    dirty: head.dirty,
    subject: same ? clip(subject, SUBJECT_CHARS) : null,
    author: same ? clip(author, SUBJECT_CHARS) : null,
    committedAt: same ? (committedAt ?? null) : null,
  }
}

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

/** The commit `ref` names (a branch, tag, sha or `origin/<branch>`), or null when git cannot resolve it. */
export async function resolveCommit(
  cwd: string,
  ref: string,
  git: GitCommand = runGit,
): Promise<string | null> {
  for (const candidate of [ref, `origin/${ref}`]) {
    const sha = await git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`],
      cwd,
    ).catch(() => '')
    if (sha.trim()) return sha.trim()
  }
  return null
}

async function mergeBase(cwd: string, ref: string, git: GitCommand): Promise<string | null> {
  // In CI the base branch usually exists only as a remote-tracking ref.
  for (const candidate of [ref, `origin/${ref}`]) {
    const sha = await git(['merge-base', '--end-of-options', 'HEAD', candidate], cwd).catch(() => '')
    if (sha.trim()) return sha.trim()
  }
  return null
}
