import { type BuildRecord, projectName, readRecordContext } from '@shipwatch/core/build'

/** The parts of a build's record that pick its baseline. */
export type BuildIdentity = Pick<
  BuildRecord,
  'id' | 'project' | 'bundler' | 'mode' | 'environment' | 'watchRebuild' | 'git' | 'ci'
>

/** Enough of the current build's record to pick its baseline, when no build-metrics record is being made. */
export async function currentIdentity(
  bundler: string,
  root: string,
  mode: BuildRecord['mode'],
  environment: string | null,
): Promise<BuildIdentity> {
  const context = await readRecordContext({ cwd: root })
  return {
    id: '',
    project: projectName(root),
    // The version is build-metrics' business; the baseline compares bundlers by name.
    bundler: { name: bundler, version: null },
    mode,
    environment,
    watchRebuild: false,
    git: context.git,
    ci: context.ci,
  }
}
