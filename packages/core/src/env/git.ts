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
 * Facts about HEAD through simple-git. Outside a repository or without git it returns nulls and a reason,
 * never throws: a build must not fail because it runs from a tarball.
 */
export async function readGitFacts(
  options: GitFactsOptions,
): Promise<{ git: GitInfo; warning: string | null }> {
  try {
    const git = simpleGit({ baseDir: options.cwd, timeout: { block: 10_000 } })
    if (!(await git.checkIsRepo())) return { git: EMPTY_GIT, warning: `not a git repository: ${options.cwd}` }
    const [log, branch, status, baseSha] = await Promise.all([
      git.raw(['log', '-1', '--format=%H%x00%s%x00%an%x00%cI']).catch(() => ''),
      git.raw(['rev-parse', '--abbrev-ref', 'HEAD']).catch(() => ''),
      git.raw(['status', '--porcelain', '--untracked-files=no']).catch(() => null),
      options.baseRef ? mergeBase(git, options.baseRef) : Promise.resolve(null),
    ])
    const [sha, subject, author, committedAt] = log.trim().split('\0')
    const branchName = branch.trim()
    return {
      git: {
        sha: sha || null,
        branch: branchName && branchName !== 'HEAD' ? branchName : null,
        dirty: status === null ? null : status.trim().length > 0,
        subject: subject ?? null,
        author: author ?? null,
        committedAt: committedAt ?? null,
        baseSha,
      },
      warning: null,
    }
  } catch (error) {
    return { git: EMPTY_GIT, warning: `git facts unavailable: ${(error as Error).message.split('\n')[0]}` }
  }
}

async function mergeBase(git: ReturnType<typeof simpleGit>, ref: string): Promise<string | null> {
  // In CI the base branch usually exists only as a remote-tracking ref.
  for (const candidate of [ref, `origin/${ref}`]) {
    const sha = await git.raw(['merge-base', 'HEAD', candidate]).catch(() => '')
    if (sha.trim()) return sha.trim()
  }
  return null
}
