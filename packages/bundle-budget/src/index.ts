import { bundleBudget } from './unplugin.js'

// The rules live in @shipwatch/core (deploy-verify judges served bundles by them too); they are part of this API.
export {
  type BudgetCompression,
  BudgetConfigError,
  type BudgetFile,
  type BudgetFileType,
  type BudgetInput,
  type BudgetLimit,
  type BudgetOutcome,
  type BudgetRule,
  type BudgetTarget,
  DEFAULT_RULES,
  evaluateBudgets,
  inputFromRecord,
  resolveRules,
} from '@shipwatch/core/build'
export { defineConfig } from './config/load-config.js'
export { type BundleBudgetOptions, resolveOptions } from './options.js'
export { renderJunit } from './report/junit.js'

export { bundleBudget }

export default bundleBudget
export { pagesFromHtml } from './cli/read-folder.js'
export { formatOutcomes } from './report/format-terminal.js'
