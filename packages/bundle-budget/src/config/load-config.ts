import { BudgetConfigError, ConfigFileError, configCandidates, loadConfigFile } from '@shipwatch/core'
import type { BundleBudgetOptions } from '../options.js'

export const CONFIG_FILES = configCandidates('bundle-budget')

/** Typed helper for `bundle-budget.config.ts`. */
export function defineConfig(config: BundleBudgetOptions): BundleBudgetOptions {
  return config
}

/** The CLI's configuration: `{ budgets, … }` or just an array of rules. `null` when there is no config file. */
export async function loadConfig(
  cwd: string,
  file?: string,
): Promise<{ path: string; options: BundleBudgetOptions } | null> {
  let loaded: Awaited<ReturnType<typeof loadConfigFile>>
  try {
    loaded = await loadConfigFile(cwd, CONFIG_FILES, file)
  } catch (error) {
    if (error instanceof ConfigFileError) throw new BudgetConfigError(error.message)
    throw error
  }
  if (!loaded) return null
  const options = Array.isArray(loaded.value) ? { budgets: loaded.value } : loaded.value
  if (typeof options !== 'object' || options === null) {
    throw new BudgetConfigError(
      `${loaded.path} must export an object like { budgets: [...] } or an array of rules`,
    )
  }
  return { path: loaded.path, options: options as BundleBudgetOptions }
}
