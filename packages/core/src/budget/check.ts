import type { CompressionSettings } from '../schema/build-record.js'
import { resolveCompression } from '../size/compression.js'
import { SizeCalculator } from '../size/size-calculator.js'
import type { BudgetFile, BudgetInput } from './budget-input.js'
import { type BudgetOutcome, evaluateBudgets } from './evaluate.js'
import type { ResolvedRule } from './resolve-rules.js'

/** A file to check, before sizing. */
export interface UnsizedFile extends Omit<BudgetFile, 'size' | 'gzip' | 'brotli'> {
  content: string | Uint8Array
}

/** Only the compressions some rule compares are computed (brotli q11 is ≈ 90× gzip). */
export function compressionFor(rules: ResolvedRule[]): CompressionSettings {
  return resolveCompression({
    gzip: rules.some((r) => r.compression === 'gzip'),
    brotli: rules.some((r) => r.compression === 'brotli'),
  })
}

/** Sizes every file with core's calculator (worker pool, content-hash cache). */
export async function sizeFiles(files: UnsizedFile[], calculator: SizeCalculator): Promise<BudgetFile[]> {
  return Promise.all(
    files.map(async ({ content, ...file }) => ({ ...file, ...(await calculator.measure(content)) })),
  )
}

export interface BudgetCheckResult {
  outcomes: BudgetOutcome[]
  failed: boolean
  warned: boolean
}

export function check(
  rules: ResolvedRule[],
  current: BudgetInput,
  baseline: BudgetInput | null,
  options: { failOnWarning: boolean },
): BudgetCheckResult {
  const outcomes = evaluateBudgets(rules, current, baseline)
  const warned = outcomes.some((o) => o.status === 'warn')
  const failed = outcomes.some((o) => o.status === 'fail') || (options.failOnWarning && warned)
  return { outcomes, failed, warned }
}

export function newCalculator(
  rules: ResolvedRule[],
  cacheFile: string | null = null,
  onWarning?: (message: string) => void,
): SizeCalculator {
  return new SizeCalculator({
    compression: compressionFor(rules),
    cacheFile,
    ...(onWarning ? { onWarning } : {}),
  })
}
