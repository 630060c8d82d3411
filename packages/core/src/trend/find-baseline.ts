import type { HistoryStore } from '../history/history-store.js'
import type { BuildRecord } from '../schema/build-record.js'

export interface Baseline {
  record: BuildRecord
  /** Why this one: `merge-base`, `default branch`, or `previous build`. */
  reason: 'merge-base' | 'default branch' | 'previous build'
}

export interface FindBaselineOptions {
  /** A ref whose build to prefer (CI base sha or `--base`); defaults to the current record's merge-base. */
  baseSha?: string | null
  /** @default 'main' */
  defaultBranch?: string
}

/**
 * The build to compare with, reading the history from its end: the build of the merge-base commit when known, else
 * the latest build of the default branch, else the previous build. Only like with like: same project, mode and
 * environment, cold builds only.
 */
export function findBaseline(
  history: Pick<HistoryStore, 'lastAppended'>,
  current: BuildRecord,
  options: FindBaselineOptions = {},
): Baseline | null {
  const comparable = (r: BuildRecord) =>
    r.id !== current.id &&
    !r.watchRebuild &&
    r.project === current.project &&
    r.mode === current.mode &&
    r.environment === current.environment
  const find = (where: (r: BuildRecord) => boolean) =>
    history.lastAppended((r) => r.kind === 'build' && comparable(r) && where(r)) as BuildRecord | null
  const baseSha = options.baseSha ?? current.git.baseSha ?? current.ci.baseSha
  if (baseSha) {
    const record = find((r) => r.git.sha === baseSha)
    if (record) return { record, reason: 'merge-base' }
  }
  const defaultBranch = options.defaultBranch ?? 'main'
  if (current.git.branch !== defaultBranch) {
    const record = find((r) => r.git.branch === defaultBranch)
    if (record) return { record, reason: 'default branch' }
  }
  const record = find(() => true)
  return record ? { record, reason: 'previous build' } : null
}
