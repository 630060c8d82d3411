import { closestName } from '../cli/closest-name.js'
import type { BudgetCompression, BudgetFileType, BudgetRule, BudgetTarget } from './budget-rule.js'
import { parseLimit, type ResolvedLimit } from './parse-limit.js'

export class BudgetConfigError extends Error {
  override name = 'BudgetConfigError'
}

export interface ResolvedRule {
  index: number
  name: string
  target:
    | Exclude<BudgetTarget, string>
    | { kind: 'initial' | 'entry' | 'type' | 'count' | 'requests'; value: string }
  type: BudgetFileType | null
  compression: BudgetCompression
  limits: Partial<Record<'maxWarning' | 'maxError' | 'minWarning' | 'minError', ResolvedLimit>>
  includeMaps: boolean
  isCount: boolean
}

const TYPES: readonly BudgetFileType[] = ['js', 'css', 'html', 'image', 'font', 'all']
const COMPRESSIONS: readonly BudgetCompression[] = ['none', 'gzip', 'brotli']
const LIMIT_FIELDS = ['maxWarning', 'maxError', 'minWarning', 'minError'] as const
const KNOWN_FIELDS = new Set(['name', 'target', 'type', 'compression', 'includeMaps', ...LIMIT_FIELDS])

/**
 * Validates budget rules once. Every problem is a configuration error naming the rule's index and field, and what
 * would be valid — never a silent 0 or a NaN that never fires.
 */
export function resolveRules(rules: unknown): ResolvedRule[] {
  if (!Array.isArray(rules))
    throw new BudgetConfigError(
      'budgets must be an array of rules, e.g. [{ target: "initial", maxError: "500 kB" }]',
    )
  return rules.map((rule, index) => resolveRule(rule, index))
}

function resolveRule(raw: unknown, index: number): ResolvedRule {
  const at = (field: string) => `budgets[${index}].${field}`
  if (typeof raw !== 'object' || raw === null)
    throw new BudgetConfigError(`budgets[${index}] must be an object`)
  const rule = raw as BudgetRule & Record<string, unknown>
  for (const key of Object.keys(rule)) {
    if (!KNOWN_FIELDS.has(key)) {
      const guess = closestName(key, [...KNOWN_FIELDS])
      throw new BudgetConfigError(
        `${at(key)} is not a budget field${guess ? ` (did you mean ${guess}?)` : ''}: use one of ${[...KNOWN_FIELDS].join(', ')}`,
      )
    }
  }
  const target = resolveTarget(rule.target, at('target'))
  const isCount = target.kind === 'count' || target.kind === 'requests'
  if (rule.type !== undefined && !TYPES.includes(rule.type)) {
    throw new BudgetConfigError(
      `${at('type')} must be one of ${TYPES.join(', ')}, got ${JSON.stringify(rule.type)}`,
    )
  }
  const compression = rule.compression ?? (isCount ? 'none' : 'gzip')
  if (!COMPRESSIONS.includes(compression)) {
    throw new BudgetConfigError(
      `${at('compression')} must be none, gzip or brotli, got ${JSON.stringify(rule.compression)}`,
    )
  }
  const limits: ResolvedRule['limits'] = {}
  for (const field of LIMIT_FIELDS) {
    if (rule[field] === undefined) continue
    const parsed = parseLimit(rule[field], isCount)
    if ('error' in parsed) throw new BudgetConfigError(`${at(field)} ${parsed.error}`)
    limits[field] = parsed
  }
  if (Object.keys(limits).length === 0) {
    throw new BudgetConfigError(
      `budgets[${index}] has no limit: set maxError, maxWarning, minError or minWarning`,
    )
  }
  if (rule.includeMaps !== undefined && typeof rule.includeMaps !== 'boolean') {
    throw new BudgetConfigError(`${at('includeMaps')} must be true or false`)
  }
  return {
    index,
    name: typeof rule.name === 'string' && rule.name ? rule.name : describeTarget(rule.target, rule.type),
    target: 'glob' in target ? target : target,
    type: rule.type ?? null,
    compression,
    limits,
    includeMaps: rule.includeMaps ?? false,
    isCount,
  }
}

function resolveTarget(target: unknown, at: string): ResolvedRule['target'] & { kind?: string } {
  if (typeof target === 'object' && target !== null && 'glob' in target) {
    const { glob, per } = target as { glob: unknown; per?: unknown }
    if (typeof glob !== 'string' || glob === '')
      throw new BudgetConfigError(`${at}.glob must be a non-empty glob such as "assets/*.js"`)
    if (per !== undefined && per !== 'file' && per !== 'sum')
      throw new BudgetConfigError(`${at}.per must be "file" or "sum"`)
    return { glob, per: per ?? 'file' }
  }
  if (typeof target !== 'string') {
    throw new BudgetConfigError(
      `${at} is required: "initial", "entry:<name>", a type (js, css, …), "count", "requests" or { glob }`,
    )
  }
  if (target === 'initial' || target === 'count' || target === 'requests')
    return { kind: target, value: target }
  if (target.startsWith('entry:') && target.length > 'entry:'.length)
    return { kind: 'entry', value: target.slice(6) }
  if ((TYPES as readonly string[]).includes(target)) return { kind: 'type', value: target }
  throw new BudgetConfigError(
    `${at} "${target}" is not a target: use "initial", "entry:<name>", ${TYPES.join(', ')}, "count", "requests" or { glob: "…" }`,
  )
}

function describeTarget(target: BudgetTarget, type: BudgetFileType | undefined): string {
  const suffix = type ? ` (${type})` : ''
  if (typeof target === 'object') return `${target.glob}${target.per === 'sum' ? ' (sum)' : ''}${suffix}`
  return `${target}${suffix}`
}
