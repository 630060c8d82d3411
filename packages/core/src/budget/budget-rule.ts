/** The kinds of output a `type` target selects; `all` is every file but source maps. */
export type BudgetFileType = 'js' | 'css' | 'html' | 'image' | 'font' | 'all'
export type BudgetCompression = 'none' | 'gzip' | 'brotli'

/**
 * What a rule measures:
 * - `'initial'`: per HTML page, the entry chunk + its static imports (transitively) + their CSS — what Vite preloads;
 * - `'entry:<name>'`: the entry chunk named `<name>` with its static imports and CSS;
 * - `'js' | 'css' | 'html' | 'image' | 'font' | 'all'`: the total of every file of that type;
 * - `'count'`: the number of files (of `type`, default all); `'requests'`: per page, the HTML plus its initial files;
 * - `{ glob, per }`: files matching a glob, each on its own (`per: 'file'`, the default) or summed (`per: 'sum'`).
 */
export type BudgetTarget =
  | 'initial'
  | `entry:${string}`
  | BudgetFileType
  | 'count'
  | 'requests'
  | { glob: string; per?: 'file' | 'sum' }

/**
 * A limit: bytes (`300`, `'300 B'`), `'500 kB'` (1000) or `'488 KiB'` (1024) — or, relative to the baseline build,
 * `'+5%'`, `'+10 kB'`, or a percentage with a floor: `'+5% min 500 B'` (the larger of the two). Counts are plain numbers
 * or `'+2'`.
 */
export type BudgetLimit = number | string

export interface BudgetRule {
  /** Shown in reports; defaults to a description of the target. */
  name?: string
  target: BudgetTarget
  /** Restricts `initial`, `entry:*`, `count` and globs to one type of file. */
  type?: BudgetFileType
  /** Which size to compare. @default 'gzip' */
  compression?: BudgetCompression
  /** Warn above this. */
  maxWarning?: BudgetLimit
  /** Fail above this. */
  maxError?: BudgetLimit
  /** Warn below this (catches outputs that vanished). */
  minWarning?: BudgetLimit
  /** Fail below this. */
  minError?: BudgetLimit
  /** Include `.map` files, which are left out unless a rule asks. @default false */
  includeMaps?: boolean
}

/** The rule used when a project configures none: initial JS per page under 500 kB gzip. */
export const DEFAULT_RULES: readonly BudgetRule[] = [
  { name: 'initial JS per page', target: 'initial', type: 'js', compression: 'gzip', maxError: '500 kB' },
]
