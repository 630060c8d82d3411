import { bundleBudget as unplugin } from './unplugin.js'

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
export const bundleBudget = unplugin.rolldown
export default bundleBudget
export type { BundleBudgetOptions } from './options.js'
