import type { HistoryStore } from '../history/history-store.js'
import type { BuildRecord } from '../schema/build-record.js'

export type BaselineReason = 'merge-base' | 'default branch' | 'previous build'

export interface Baseline {
  record: BuildRecord
  /** Why this one: `merge-base`, `default branch`, or `previous build`. */
  reason: BaselineReason
}

export interface FindBaselineOptions {
  /** A commit whose build to prefer (CI base sha or `--base`); defaults to the current record's merge-base. */
  baseSha?: string | null
  /** @default 'main' */
  defaultBranch?: string
}

/** The parts of a build record that pick its baseline. */
export type BaselineSubject = Pick<
  BuildRecord,
  'id' | 'project' | 'bundler' | 'target' | 'mode' | 'environment' | 'watchRebuild' | 'git' | 'ci'
>

/**
 * A build that succeeded, and is like the current one: same project, bundler, target (app or library), mode and
 * environment, and the same kind of build (cold build or watch rebuild). A failed build is never a baseline.
 */
export function comparableBuilds(current: BaselineSubject, other: BuildRecord): boolean {
  return (
    other.outcome.result === 'succeeded' &&
    other.id !== current.id &&
    other.project === current.project &&
    other.bundler.name === current.bundler.name &&
    other.target === current.target &&
    other.mode === current.mode &&
    other.environment === current.environment &&
    Boolean(other.watchRebuild) === Boolean(current.watchRebuild)
  )
}

/**
 * The one baseline rule, for the terminal summary, the budgets and the reports alike: among comparable builds that
 * succeeded, the
 * build of the merge-base commit when known (a sha prefix of 7+ characters matches), else the latest build of the
 * default branch, else the previous build. `newest` finds the newest build matching a condition, however the history
 * is held (a file read backwards, a list).
 */
export function chooseBaseline(
  current: BaselineSubject,
  newest: (where: (record: BuildRecord) => boolean) => BuildRecord | null,
  options: FindBaselineOptions = {},
): Baseline | null {
  const find = (where: (record: BuildRecord) => boolean) =>
    newest((record) => comparableBuilds(current, record) && where(record))
  const baseSha = options.baseSha ?? current.git.baseSha ?? current.ci.baseSha
  if (baseSha) {
    const record = find(
      (r) => r.git.sha === baseSha || (baseSha.length >= 7 && r.git.sha?.startsWith(baseSha) === true),
    )
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

/** `chooseBaseline` over a history store, read from its end. */
export function findBaseline(
  history: Pick<HistoryStore, 'lastAppended'>,
  current: BaselineSubject,
  options: FindBaselineOptions = {},
): Baseline | null {
  return chooseBaseline(
    current,
    (where) => history.lastAppended((r) => r.kind === 'build' && where(r)) as BuildRecord | null,
    options,
  )
}

/** How outputs name a baseline: `main@1a2b3c4 (merge-base)`. */
export function describeBaseline(baseline: Baseline): string {
  const { git } = baseline.record
  return `${git.branch ?? '(no branch)'}@${git.sha?.slice(0, 7) ?? '(no commit)'} (${baseline.reason})`
}
