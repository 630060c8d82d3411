import type { BudgetRule } from '@shipwatch/core/build'
import {
  BudgetConfigError,
  DEFAULT_HISTORY_DIR,
  DEFAULT_RULES,
  describeOptionIssue,
  type ResolvedRule,
  resolveRules,
} from '@shipwatch/core/build'
import * as v from 'valibot'

export interface BundleBudgetOptions {
  /** The rules. Without any, initial JS per page must stay under 500 kB gzip. @default DEFAULT_RULES */
  budgets?: BudgetRule[]
  /** History folder for baseline-relative limits, relative to the project root. @default 'test-artifacts/build-metrics' */
  historyDir?: string
  /** Branch whose latest build is the baseline when the merge-base build is unknown. @default 'main' */
  defaultBranch?: string
  /** Treat warnings as failures. @default false */
  failOnWarning?: boolean
  /** Print passing rules too, not only problems. @default false */
  verbose?: boolean
}

export interface ResolvedBundleBudgetOptions {
  rules: ResolvedRule[]
  usingDefaults: boolean
  historyDir: string
  defaultBranch: string
  failOnWarning: boolean
  verbose: boolean
}

const text = (fix: string) => v.pipe(v.string(fix), v.trim(), v.nonEmpty(fix))
const flag = (name: string) => v.optional(v.boolean(`must be true or false (${name}: true)`))

/** Every option, strictly: an unknown key is an error naming the closest known one. Rules are checked by core. */
const optionsSchema = v.strictObject({
  budgets: v.optional(
    v.array(
      v.custom<BudgetRule>(() => true),
      'must be a list of rules, e.g. [{ target: "initial", maxError: "500 kB" }]',
    ),
  ),
  historyDir: v.optional(text('must be a folder path, e.g. "test-artifacts/build-metrics"')),
  defaultBranch: v.optional(text('must be a branch name, e.g. "main"')),
  failOnWarning: flag('failOnWarning'),
  verbose: flag('verbose'),
}) satisfies v.GenericSchema<BundleBudgetOptions>

/** Validates options when the plugin is created: a bad rule is a configuration error, before any build runs. */
export function resolveOptions(input: BundleBudgetOptions = {}): ResolvedBundleBudgetOptions {
  const parsed = v.safeParse(optionsSchema, input ?? {})
  if (!parsed.success)
    throw new BudgetConfigError(describeOptionIssue('bundleBudget(options)', parsed.issues[0], optionsSchema))
  const options = parsed.output
  const usingDefaults = options.budgets === undefined
  return {
    rules: resolveRules(usingDefaults ? DEFAULT_RULES : options.budgets),
    usingDefaults,
    historyDir: options.historyDir ?? DEFAULT_HISTORY_DIR,
    defaultBranch: options.defaultBranch ?? 'main',
    failOnWarning: options.failOnWarning ?? false,
    verbose: options.verbose ?? false,
  }
}

/**
 * The rules for a build with these pages: the default rule is about pages, so a build without any (a library) is not
 * held to it. Rules the user wrote always apply, and say so when they match nothing.
 */
export function rulesFor(options: ResolvedBundleBudgetOptions, pageCount: number): ResolvedRule[] {
  return options.usingDefaults && pageCount === 0 ? [] : options.rules
}
