import type { CiInfo, GitInfo, MachineInfo } from '../schema/envelope.js'
import { detectCi } from './ci.js'
import { type GitHead, readGitFacts } from './git.js'
import { readMachineFacts } from './machine.js'

export interface RecordContext {
  git: GitInfo
  ci: CiInfo
  machine: MachineInfo
  warnings: string[]
}

/** Git, CI and machine facts for a record, gathered concurrently; problems come back as warnings. */
export async function readRecordContext(options: {
  cwd: string
  env?: NodeJS.ProcessEnv
  baseRef?: string | null
  /** HEAD's facts, when already started with `readGitHead`. */
  head?: Promise<GitHead>
}): Promise<RecordContext> {
  const ci = await detectCi(options.env ?? process.env, options.cwd)
  const { git, warning } = await readGitFacts({
    cwd: options.cwd,
    baseRef: options.baseRef ?? ci.baseBranch,
    head: options.head,
  })
  // CI checks out a detached HEAD; the CI's branch is the one that was built.
  const merged = { ...git, branch: git.branch ?? ci.branch }
  return { git: merged, ci, machine: readMachineFacts(), warnings: warning ? [warning] : [] }
}

export { createEnvelope } from './envelope.js'
