import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { BundleBudgetOptions } from '../options.js'
import { BudgetConfigError } from '../rules/resolve-rules.js'

export const CONFIG_FILES = [
  'bundle-budget.config.ts',
  'bundle-budget.config.mts',
  'bundle-budget.config.js',
  'bundle-budget.config.mjs',
  'bundle-budget.config.json',
]

/** Typed helper for `bundle-budget.config.ts`. */
export function defineConfig(config: BundleBudgetOptions): BundleBudgetOptions {
  return config
}

/**
 * Loads the CLI's configuration: the given file, or the first `bundle-budget.config.*` in the folder. JSON is parsed
 * directly; TypeScript and JavaScript go through jiti, loaded only then. `null` when there is no config file.
 */
export async function loadConfig(
  cwd: string,
  file?: string,
): Promise<{ path: string; options: BundleBudgetOptions } | null> {
  const path = file
    ? resolve(cwd, file)
    : CONFIG_FILES.map((name) => resolve(cwd, name)).find((p) => existsSync(p))
  if (!path) return null
  if (!existsSync(path)) throw new BudgetConfigError(`config file ${path} does not exist`)
  let loaded: unknown
  try {
    if (path.endsWith('.json')) loaded = JSON.parse(readFileSync(path, 'utf8'))
    else {
      const { createJiti } = await import('jiti')
      loaded = await createJiti(import.meta.url, { moduleCache: false }).import(path, { default: true })
    }
  } catch (error) {
    throw new BudgetConfigError(`could not load ${path}: ${(error as Error).message}`)
  }
  const options = Array.isArray(loaded) ? { budgets: loaded } : loaded
  if (typeof options !== 'object' || options === null) {
    throw new BudgetConfigError(`${path} must export an object like { budgets: [...] } or an array of rules`)
  }
  return { path, options: options as BundleBudgetOptions }
}
