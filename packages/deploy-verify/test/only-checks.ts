// The checks on by default; tests turn off all but the ones they exercise, and say which.
const DEFAULT_CHECKS = ['health', 'identity', 'bundle', 'html', 'smoke', 'security'] as const

type DefaultCheck = (typeof DEFAULT_CHECKS)[number]

/** Config that turns off every default check except `keep`. */
export function onlyChecks(...keep: DefaultCheck[]): Partial<Record<DefaultCheck, false>> {
  return Object.fromEntries(DEFAULT_CHECKS.filter((c) => !keep.includes(c)).map((c) => [c, false]))
}
