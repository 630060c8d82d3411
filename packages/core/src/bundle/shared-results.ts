import type { BudgetResult } from '../schema/build-record.js'

// Budget results travel from the budget plugin to the metrics plugin: two separately installed packages, one
// record. Rolldown gives each plugin its own bundle object, so the key is the bundle's file names (hashed names make
// it unique per build). A global symbol, because each package may carry its own copy of core.
const KEY = Symbol.for('shipwatch.budget-results')
type Registry = Map<string, BudgetResult[]>

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry }
  holder[KEY] ??= new Map()
  return holder[KEY]
}

function keyOf(bundle: object): string {
  return Object.keys(bundle).sort().join('\n')
}

export function shareBudgetResults(bundle: object, results: BudgetResult[]): void {
  registry().set(keyOf(bundle), results)
}

/** The results shared for this bundle, removed once read so the registry never grows. */
export function sharedBudgetResults(bundle: object): BudgetResult[] | undefined {
  const key = keyOf(bundle)
  const results = registry().get(key)
  registry().delete(key)
  return results
}
