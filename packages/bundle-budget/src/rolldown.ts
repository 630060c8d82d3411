import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import type { UnpluginInstance } from 'unplugin'
import type { BundleBudgetOptions } from './options.js'
import { bundleBudgetFactory } from './plugin/plugin.js'

/**
 * Bundle budgets for Rolldown.
 *
 * @example
 * ```ts
 * // rolldown.config.js
 * import bundleBudget from '@shipwatch/bundle-budget/rolldown'
 *
 * export default {
 *   input: 'src/index.js',
 *   plugins: [bundleBudget({ budgets: [{ target: 'js', maxError: '50 kB' }] })],
 * }
 * ```
 */
// Without unplugin at runtime: see rollupFamilyPlugin in core.
export const bundleBudget = rollupFamilyPlugin(bundleBudgetFactory, 'rolldown') as UnpluginInstance<
  BundleBudgetOptions | undefined
>['rolldown']
export default bundleBudget
export type { BundleBudgetOptions } from './options.js'
