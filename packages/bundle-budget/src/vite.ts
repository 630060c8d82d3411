import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import type { UnpluginInstance } from 'unplugin'
import type { BundleBudgetOptions } from './options.js'
import { bundleBudgetFactory } from './plugin/plugin.js'

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
// Without unplugin at runtime: see rollupFamilyPlugin in core.
export const bundleBudget = rollupFamilyPlugin(bundleBudgetFactory, 'vite') as UnpluginInstance<
  BundleBudgetOptions | undefined
>['vite']
export default bundleBudget
export type { BundleBudgetOptions } from './options.js'
