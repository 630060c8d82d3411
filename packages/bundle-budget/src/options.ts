import type { BudgetRule } from '@shipwatch/core/build'
import {
  BudgetConfigError,
  DEFAULT_HISTORY_DIR,
  DEFAULT_RULES,
  type ResolvedRule,
  resolveRules,
} from '@shipwatch/core/build'

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

/** Validates options when the plugin is created: a bad rule is a configuration error, before any build runs. */
export function resolveOptions(options: BundleBudgetOptions = {}): ResolvedBundleBudgetOptions {
  if (typeof options !== 'object' || options === null)
    throw new BudgetConfigError('bundleBudget(options): options must be an object')
  const usingDefaults = options.budgets === undefined
  return {
    rules: resolveRules(usingDefaults ? DEFAULT_RULES : options.budgets),
    usingDefaults,
    historyDir: options.historyDir ?? DEFAULT_HISTORY_DIR,
    defaultBranch: options.defaultBranch ?? 'main',
    failOnWarning: Boolean(options.failOnWarning),
    verbose: Boolean(options.verbose),
  }
}
