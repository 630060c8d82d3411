import { bundleBudget as unplugin } from './unplugin.js'

/**
 * Bundle budgets for Vite.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite'
 * import bundleBudget from '@shipwatch/bundle-budget/vite'
 *
 * export default defineConfig({
 *   plugins: [
 *     bundleBudget({
 *       budgets: [{ target: 'initial', type: 'js', maxError: '170 kB' }],
 *     }),
 *   ],
 * })
 * ```
 */
export const bundleBudget = unplugin.vite
export default bundleBudget
export type { BundleBudgetOptions } from './options.js'
