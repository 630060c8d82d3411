import { createUnplugin } from 'unplugin'
import { bundleBudgetFactory } from './plugin/plugin.js'

export { defineConfig } from './config/load-config.js'
export { type BundleBudgetOptions, resolveOptions } from './options.js'
export { renderJunit } from './report/junit.js'
export { type BudgetFile, type BudgetInput, inputFromRecord } from './rules/budget-input.js'
export type {
  BudgetCompression,
  BudgetFileType,
  BudgetLimit,
  BudgetRule,
  BudgetTarget,
} from './rules/budget-rule.js'
export { DEFAULT_RULES } from './rules/budget-rule.js'
export { type BudgetOutcome, evaluateBudgets } from './rules/evaluate.js'
export { BudgetConfigError, resolveRules } from './rules/resolve-rules.js'

/** Budgets for every output, checked in the build; use the per-bundler entries in configs. */
export const bundleBudget = createUnplugin(bundleBudgetFactory)

export default bundleBudget
export { pagesFromHtml } from './cli/read-folder.js'
export { formatOutcomes } from './report/format-terminal.js'
