import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import type { UnpluginInstance } from 'unplugin'
import type { BundleBudgetOptions } from './options.js'
import { bundleBudgetFactory } from './plugin/plugin.js'

/**
 * Bundle budgets for Rollup.
 *
 * @example
 * ```ts
 * // rollup.config.js
 * import bundleBudget from '@shipwatch/bundle-budget/rollup'
 *
 * export default {
 *   input: 'src/index.js',
 *   plugins: [bundleBudget({ budgets: [{ target: 'js', maxError: '50 kB' }] })],
 * }
 * ```
 */
// Without unplugin at runtime: see rollupFamilyPlugin in core.
export const bundleBudget = rollupFamilyPlugin(bundleBudgetFactory, 'rollup') as UnpluginInstance<
  BundleBudgetOptions | undefined
>['rollup']
export default bundleBudget
export type { BundleBudgetOptions } from './options.js'
