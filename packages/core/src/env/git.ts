import { simpleGit } from 'simple-git'
import type { GitInfo } from '../schema/envelope.js'

export interface GitFactsOptions {
  cwd: string
  /** The branch to compute the merge-base with (CI base branch, or `--base`). */
  baseRef?: string | null
}

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
 * Facts about HEAD through simple-git, in as few git processes as possible (they compete with the build for CPU):
 * `status --porcelain=v2 --branch` gives sha, branch and dirtiness; `log -1` the commit. Outside a repository or
 * without git it returns nulls and a reason, never throws: a build must not fail because it runs from a tarball.
 */
export async function readGitFacts(
  options: GitFactsOptions,
): Promise<{ git: GitInfo; warning: string | null }> {
  try {
    const git = simpleGit({ baseDir: options.cwd, timeout: { block: 10_000 } })
    const [status, log, baseSha] = await Promise.all([
      git.raw(['status', '--porcelain=v2', '--branch', '--untracked-files=no']),
      git.raw(['log', '-1', '--format=%H%x00%s%x00%an%x00%cI']).catch(() => ''),
      options.baseRef ? mergeBase(git, options.baseRef) : Promise.resolve(null),
    ])
    const head = parseStatus(status)
    const [sha, subject, author, committedAt] = log.trim().split('\0')
    return {
      git: {
        sha: sha || head.sha,
        branch: head.branch,
        dirty: head.dirty,
        subject: subject ?? null,
        author: author ?? null,
        committedAt: committedAt ?? null,
        baseSha,
      },
      warning: null,
    }
  } catch (error) {
    const message = (error as Error).message ?? String(error)
    if (/not a git repository/i.test(message))
      return { git: EMPTY_GIT, warning: `not a git repository: ${options.cwd}` }
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

async function mergeBase(git: ReturnType<typeof simpleGit>, ref: string): Promise<string | null> {
  // In CI the base branch usually exists only as a remote-tracking ref.
  for (const candidate of [ref, `origin/${ref}`]) {
    const sha = await git.raw(['merge-base', 'HEAD', candidate]).catch(() => '')
    if (sha.trim()) return sha.trim()
  }
  return null
}
