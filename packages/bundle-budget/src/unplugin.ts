import { createUnplugin } from 'unplugin'
import { bundleBudgetFactory } from './plugin/plugin.js'

/**
 * Budgets for every output, checked in the build; the per-bundler entries (`./vite`, `./rollup`, …) take theirs from here, so a config file loads the plugin and
 * nothing of the package's CLI side.
 */
export const bundleBudget = createUnplugin(bundleBudgetFactory)
