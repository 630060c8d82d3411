import { type BuildRecord, type GitHead, projectName, readGitHead } from '@shipwatch/core/lite'

/**
 * Enough of the current build's record to pick its baseline: project, mode, environment, and git (branch and
 * merge-base), read through @shipwatch/core/context, loaded only when a build checks budgets.
 */
export async function currentIdentity(
  root: string,
  mode: BuildRecord['mode'],
  environment: string | null,
  /** HEAD's facts, when the plugin started git earlier (at config time). */
  gitHead?: Promise<GitHead>,
): Promise<BuildRecord> {
  const head = gitHead ?? readGitHead(root)
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
