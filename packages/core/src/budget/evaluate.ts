import { formatBytes } from '../format/bytes.js'
import type { BudgetResult } from '../schema/build-record.js'
import type { BudgetInput } from './budget-input.js'
import { explainOverrun } from './explain.js'
import { type Measurement, measure } from './measure.js'
import { limitFor } from './parse-limit.js'
import type { ResolvedRule } from './resolve-rules.js'

/** A result with what people need to act on it. */
export interface BudgetOutcome extends BudgetResult {
  /** The largest contributors and, with a baseline, what grew. */
  details: string[]
}

const CHECKS = [
  ['maxError', 'max', 'fail'],
  ['minError', 'min', 'fail'],
  ['maxWarning', 'max', 'warn'],
  ['minWarning', 'min', 'warn'],
] as const

/**
 * Evaluates every rule on the current build, relative limits against the baseline build when there is one.
 * Every matching rule applies; max fails on `>`, min on `<`; a page, entry or glob rule that matches nothing fails.
 */
export function evaluateBudgets(
  rules: ResolvedRule[],
  current: BudgetInput,
  baseline: BudgetInput | null,
): BudgetOutcome[] {
  return rules.flatMap((rule) => {
    const measurements = measure(rule, current)
    // A type total over no files is 0 B (an app without fonts keeps a fonts budget); a page, entry or glob that
    // matches nothing names something that is gone.
    const isTotal = 'kind' in rule.target && rule.target.kind === 'type'
    if (
      measurements.length === 0 ||
      (!isTotal && measurements.every((m) => m.files.length === 0 && !rule.isCount))
    ) {
      return [noMatch(rule)]
    }
    const before = baseline ? new Map(measure(rule, baseline).map((m) => [m.key, m])) : null
    return measurements.map((m) => evaluateOne(rule, m, before?.get(m.key) ?? null, before !== null))
  })
}

function evaluateOne(
  rule: ResolvedRule,
  m: Measurement,
  base: Measurement | null,
  hadBaseline: boolean,
): BudgetOutcome {
  const show = (n: number) =>
    rule.isCount ? String(n) : `${formatBytes(n)}${rule.compression === 'none' ? '' : ` ${rule.compression}`}`
  let needsBaseline = false
  for (const [field, direction, status] of CHECKS) {
    const limit = rule.limits[field]
    if (!limit) continue
    const bound = limitFor(limit, base?.value ?? null, direction)
    if (bound === null) {
      needsBaseline = true
      continue
    }
    const over = direction === 'max' ? m.value > bound : m.value < bound
    if (!over) continue
    const relation = direction === 'max' ? 'over' : 'under'
    const relative =
      limit.kind === 'relative' ? ` (${limit.text} on the baseline's ${show(base!.value)})` : ''
    return {
      rule: rule.name,
      target: m.subject,
      status,
      actual: m.value,
      limit: bound,
      message: `${rule.name}: ${m.subject} is ${show(m.value)}, ${relation} the ${field} of ${show(bound)}${relative}`,
      details: rule.isCount ? [] : explainOverrun(m, base, rule),
    }
  }
  const passLimit = firstAbsolute(rule, base?.value ?? null)
  if (needsBaseline && passLimit === null) {
    return {
      rule: rule.name,
      target: m.subject,
      status: 'no-baseline',
      actual: m.value,
      limit: null,
      message: `${rule.name}: ${m.subject} is ${show(m.value)}; its relative limit needs a baseline, and ${hadBaseline ? 'the baseline has no such subject' : 'the history has no baseline build'}`,
      details: [],
    }
  }
  return {
    rule: rule.name,
    target: m.subject,
    status: 'pass',
    actual: m.value,
    limit: passLimit,
    message: `${rule.name}: ${m.subject} is ${show(m.value)}${passLimit === null ? '' : ` (limit ${show(passLimit)})`}`,
    details: [],
  }
}

function firstAbsolute(rule: ResolvedRule, base: number | null): number | null {
  for (const field of ['maxError', 'maxWarning', 'minError', 'minWarning'] as const) {
    const limit = rule.limits[field]
    if (!limit) continue
    const bound = limitFor(limit, base, field.startsWith('max') ? 'max' : 'min')
    if (bound !== null) return bound
  }
  return null
}

function noMatch(rule: ResolvedRule): BudgetOutcome {
  return {
    rule: rule.name,
    target: typeof rule.target === 'object' && 'glob' in rule.target ? rule.target.glob : rule.name,
    status: 'fail',
    actual: null,
    limit: null,
    message: `${rule.name}: matches no file — was an output renamed or removed? Fix the target or remove the rule.`,
    details: [],
  }
}
