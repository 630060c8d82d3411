import { bundleBudget as unplugin } from './unplugin.js'

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
export const bundleBudget = unplugin.rollup
export default bundleBudget
export type { BundleBudgetOptions } from './options.js'
