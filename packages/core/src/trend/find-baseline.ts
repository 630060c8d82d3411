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

/** The branch a record was built on: git's, else the CI's (a detached checkout). Also the database's `branch`. */
export function branchOf(record: Pick<BuildRecord, 'git' | 'ci'>): string | null {
  return record.git.branch ?? record.ci.branch ?? null
}

/**
 * Builds of one series: same project (and repository when both name one), bundler, target (app or library), mode
 * and environment. `history/postgres/series-queries.ts` says the same in SQL.
 */
export function sameSeries(current: BaselineSubject, other: BaselineSubject): boolean {
  const repository = current.ci.repository ?? null
  const otherRepository = other.ci.repository ?? null
  return (
    other.project === current.project &&
    (repository === null || otherRepository === null || repository === otherRepository) &&
    other.bundler.name === current.bundler.name &&
    other.target === current.target &&
    other.mode === current.mode &&
    other.environment === current.environment
  )
}

/**
 * A build that succeeded, of the current one's series, and of the same kind (cold build or watch rebuild). A failed
 * build is never a baseline.
 */
export function comparableBuilds(current: BaselineSubject, other: BuildRecord): boolean {
  return (
    other.outcome.result === 'succeeded' &&
    other.id !== current.id &&
    sameSeries(current, other) &&
    Boolean(other.watchRebuild) === Boolean(current.watchRebuild)
  )
}

/** One step of the baseline rule: the newest comparable build of a commit, of a branch, or any. */
export type BaselineStep =
  | { reason: 'merge-base'; sha: string }
  | { reason: 'default branch'; branch: string }
  | { reason: 'previous build' }

/**
 * The one baseline rule, for the terminal summary, the budgets and the reports alike: among comparable builds that
 * succeeded, the build of the merge-base commit when known (a sha prefix of 7+ characters matches), else the latest
 * build of the default branch, else the previous build. As data, so a list and a database follow it alike.
 */
export function baselineSteps(current: BaselineSubject, options: FindBaselineOptions = {}): BaselineStep[] {
  const steps: BaselineStep[] = []
  const baseSha = options.baseSha ?? current.git.baseSha ?? current.ci.baseSha
  if (baseSha) steps.push({ reason: 'merge-base', sha: baseSha })
  const defaultBranch = options.defaultBranch ?? 'main'
  if (branchOf(current) !== defaultBranch) steps.push({ reason: 'default branch', branch: defaultBranch })
  steps.push({ reason: 'previous build' })
  return steps
}

/** Whether `record` is a candidate of `step` for `current`. */
export function matchesStep(current: BaselineSubject, step: BaselineStep, record: BuildRecord): boolean {
  if (!comparableBuilds(current, record)) return false
  if (step.reason === 'merge-base')
    return (
      record.git.sha === step.sha || (step.sha.length >= 7 && record.git.sha?.startsWith(step.sha) === true)
    )
  if (step.reason === 'default branch') return branchOf(record) === step.branch
  return true
}

/** Follows the steps in order; `newest` finds a step's newest candidate, however the history is held. */
export async function chooseBaselineAsync(
  current: BaselineSubject,
  newest: (step: BaselineStep) => Promise<BuildRecord | null>,
  options: FindBaselineOptions = {},
): Promise<Baseline | null> {
  for (const step of baselineSteps(current, options)) {
    const record = await newest(step)
    if (record) return { record, reason: step.reason }
  }
  return null
}

/** `baselineSteps` over records at hand (a file read backwards, a list): `newest` finds the newest matching one. */
export function chooseBaseline(
  current: BaselineSubject,
  newest: (where: (record: BuildRecord) => boolean) => BuildRecord | null,
  options: FindBaselineOptions = {},
): Baseline | null {
  for (const step of baselineSteps(current, options)) {
    const record = newest((r) => matchesStep(current, step, r))
    if (record) return { record, reason: step.reason }
  }
  return null
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
