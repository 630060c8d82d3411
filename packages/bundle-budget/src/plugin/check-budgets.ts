import {
  type Baseline,
  type BudgetCheckResult,
  type BudgetOutcome,
  type BuildRecord,
  check,
  describeBaseline,
  describeHistoryWarning,
  findBaseline,
  HistoryStore,
  inputFromRecord,
  type Logger,
} from '@shipwatch/core/build'
import { type ResolvedBundleBudgetOptions, rulesFor } from '../options.js'
import { formatOutcomes } from '../report/format-terminal.js'
import { githubAnnotations } from '../report/github-annotations.js'
import type { BuildIdentity } from './identity.js'

type MeasuredBuild = BuildIdentity & Pick<BuildRecord, 'outputs' | 'pages' | 'target'>

/**
 * Checks a measured build against the budgets and its baseline from history, and tells the user: the baseline, each
 * warning (`warn`), GitHub annotations in Actions, the tally. Returns the outcomes and what fails the build, if any.
 */
export function checkBudgets(
  build: MeasuredBuild,
  context: {
    root: string
    options: ResolvedBundleBudgetOptions
    log: Logger
    warn: (message: string) => void
    /** Found already (by build-metrics); else read from the history folder. */
    baseline?: Baseline | null
  },
): BudgetCheckResult & { failure: string | null; failing: BudgetOutcome[] } {
  const { options, log } = context
  const baseline = context.baseline !== undefined ? context.baseline : readBaseline(build, context)
  const rules = rulesFor(options, build.pages.length)
  if (rules.length === 0) {
    log.info('no HTML page (a library build): the default page budget does not apply')
    return { outcomes: [], failed: false, warned: false, failure: null, failing: [] }
  }
  const result = check(
    rules,
    inputFromRecord(build),
    baseline ? inputFromRecord(baseline.record) : null,
    options,
  )
  if (options.usingDefaults)
    log.info('no budgets configured: using the default (initial JS per page under 500 kB gzip)')
  if (baseline) log.info(`baseline: ${describeBaseline(baseline)}`)
  if (process.env.GITHUB_ACTIONS === 'true')
    for (const line of githubAnnotations(result.outcomes)) process.stdout.write(`${line}\n`)
  const lines = formatOutcomes(result.outcomes, log, options.verbose)
  for (const o of result.outcomes)
    if (o.status === 'warn') context.warn([o.message, ...o.details].join('\n  '))
  if (!result.failed) {
    log.info(lines.at(-1)!)
    return { ...result, failure: null, failing: [] }
  }
  const failing = result.outcomes.filter(
    (o) => o.status === 'fail' || (options.failOnWarning && o.status === 'warn'),
  )
  const failure = `budget exceeded:\n${failing.map((o) => [o.message, ...o.details.map((d) => `    ${d}`)].join('\n')).join('\n')}`
  return { ...result, failure, failing }
}

/** The history is ours to read, not the user's to fix mid-build: if it cannot be read, budgets go without a baseline. */
function readBaseline(
  build: MeasuredBuild,
  context: { root: string; options: ResolvedBundleBudgetOptions; warn: (message: string) => void },
): Baseline | null {
  const history = new HistoryStore({
    root: context.root,
    dir: context.options.historyDir,
    onWarning: (warning) => context.warn(describeHistoryWarning(warning)),
  })
  try {
    return findBaseline(history, build, { defaultBranch: context.options.defaultBranch })
  } catch (error) {
    context.warn(
      `could not read the build history (${(error as Error).message}); budgets are checked without a baseline. Check historyDir.`,
    )
    return null
  }
}
