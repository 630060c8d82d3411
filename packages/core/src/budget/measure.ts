import picomatch from 'picomatch'
import { stableName } from '../attribution/output-identity.js'
import type { BudgetFile, BudgetInput } from './budget-input.js'
import type { ResolvedRule } from './resolve-rules.js'

/** One thing a rule checks: a page, an entry, a type total, one file, … */
export interface Measurement {
  /** Stable across builds (hashes stripped), to find the same subject in the baseline. */
  key: string
  subject: string
  files: BudgetFile[]
  value: number
}

export { stableName }

/** Expands a rule into its measurements on one build. */
export function measure(rule: ResolvedRule, input: BudgetInput): Measurement[] {
  const eligible = input.files.filter(
    (f) => (rule.includeMaps || f.kind !== 'map') && matchesType(f, rule.type),
  )
  const byName = new Map(eligible.map((f) => [f.fileName, f]))
  const pick = (names: string[]) =>
    names.map((n) => byName.get(n)).filter((f): f is BudgetFile => f !== undefined)
  const size = (files: BudgetFile[]) => files.reduce((sum, f) => sum + sizeOf(f, rule), 0)
  const target = rule.target
  if ('glob' in target) {
    const isMatch = picomatch(target.glob, { dot: true })
    const matched = eligible.filter((f) => isMatch(f.fileName))
    if (target.per === 'sum')
      return [{ key: target.glob, subject: target.glob, files: matched, value: size(matched) }]
    return matched.map((f) => ({
      key: stableName(f.fileName),
      subject: f.fileName,
      files: [f],
      value: sizeOf(f, rule),
    }))
  }
  switch (target.kind) {
    case 'initial':
      return input.pages.map((p) => {
        const files = pick(p.files)
        return { key: p.html, subject: p.html, files, value: size(files) }
      })
    case 'entry': {
      const entry = input.entries.find((e) => e.name === target.value)
      if (!entry) return []
      const files = pick(entry.files)
      return [{ key: `entry:${entry.name}`, subject: `entry ${entry.name}`, files, value: size(files) }]
    }
    case 'type': {
      const files = eligible.filter((f) => matchesType(f, target.value as ResolvedRule['type']))
      return [{ key: target.value, subject: `all ${target.value}`, files, value: size(files) }]
    }
    case 'count':
      return [
        { key: 'count', subject: `${rule.type ?? 'all'} files`, files: eligible, value: eligible.length },
      ]
    case 'requests':
      return input.pages.map((p) => {
        const files = input.files.filter((f) => p.files.includes(f.fileName))
        return { key: p.html, subject: p.html, files, value: files.length + 1 }
      })
  }
}

function matchesType(file: BudgetFile, type: ResolvedRule['type']): boolean {
  if (type === null || type === 'all') return true
  return file.kind === type
}

/** The size a rule compares; compressed sizes fall back to raw for files that were not compressed. */
export function sizeOf(file: BudgetFile, rule: Pick<ResolvedRule, 'compression'>): number {
  if (rule.compression === 'gzip') return file.gzip ?? file.size
  if (rule.compression === 'brotli') return file.brotli ?? file.size
  return file.size
}
