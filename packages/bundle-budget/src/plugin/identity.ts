import { type BuildRecord, projectName, readGitHead } from '@shipwatch/core/lite'

/**
 * Enough of the current build's record to pick its baseline: project, mode, environment, and git (branch and
 * merge-base), read through @shipwatch/core/context, loaded only when a build checks budgets.
 */
export async function currentIdentity(
  root: string,
  mode: BuildRecord['mode'],
  environment: string | null,
): Promise<BuildRecord> {
  // Git first, while the process is small: a spawn waits in proportion to its memory, which the build grows fast.
  const head = readGitHead(root)
  head.catch(() => {}) // reported through readRecordContext
  const { readRecordContext } = await import('@shipwatch/core/context')
  const context = await readRecordContext({ cwd: root, head })
  return {
    id: '',
    project: projectName(root),
    mode,
    environment,
    watchRebuild: false,
    git: context.git,
    ci: context.ci,
  } as BuildRecord
}
