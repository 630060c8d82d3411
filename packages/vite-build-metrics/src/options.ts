import {
  type CompressionOptions,
  type CompressionSettings,
  DEFAULT_HISTORY_DIR,
  resolveCompression,
} from '@shipwatch/core/build'

export interface BuildTimeThresholds {
  /** Builds under this many ms are `good`. */
  good: number
  /** Builds under this many ms are `warning`; slower ones are `critical`. */
  warning: number
}

export interface BuildMetricsOptions {
  /** Folder for the history and `latest.json`, relative to the project root. @default 'test-artifacts/build-metrics' */
  historyDir?: string
  /** Project name in records. @default the package.json name, else the root folder's name */
  project?: string
  /** gzip sizes of every output. `false` turns them off; `{ level }` picks the level. @default { level: 9 } */
  gzip?: CompressionOptions['gzip']
  /** brotli sizes too (quality 11 costs ≈ 90× gzip). @default false */
  brotli?: CompressionOptions['brotli']
  /** Build-time status thresholds in ms, per mode. @default production 60 s / 120 s, development 30 s / 60 s */
  thresholds?: { production?: Partial<BuildTimeThresholds>; development?: Partial<BuildTimeThresholds> }
  /** Emit `build-info.json` (commit, record id, time, every file's content hash) for deploy verification. @default false */
  buildInfo?: boolean | { fileName?: string }
  /** Base branch for the merge-base recorded with git facts. @default the CI's base branch */
  baseBranch?: string
  /** Print no summary (warnings still show). @default false */
  quiet?: boolean
  /** Write records to the history. `false` only prints the summary. @default true */
  record?: boolean
  /** Record watch-mode rebuilds too (flagged `watchRebuild`, compared only with rebuilds); `false` records cold builds only. @default true */
  recordRebuilds?: boolean
  /**
   * Validate every emitted HTML page (html-validate, loaded only when on): `'warn'` (or `true`) prints problems,
   * `'error'` fails the build on errors. The preset fits bundler output; a `.htmlvalidate.json` or `config` overrides it.
   * @default { validate: false }
   */
  html?: { validate?: boolean | 'warn' | 'error'; config?: Record<string, unknown> }
}

export interface ResolvedBuildMetricsOptions {
  historyDir: string
  project: string | null
  compression: CompressionSettings
  thresholds: { production: BuildTimeThresholds; development: BuildTimeThresholds }
  buildInfo: { fileName: string } | null
  baseBranch: string | null
  quiet: boolean
  record: boolean
  recordRebuilds: boolean
  html: { mode: 'warn' | 'error'; config: Record<string, unknown> | undefined } | null
}

export class BuildMetricsOptionError extends Error {
  override name = 'BuildMetricsOptionError'
}

const DEFAULT_THRESHOLDS = {
  production: { good: 60_000, warning: 120_000 },
  development: { good: 30_000, warning: 60_000 },
}

/** Validates options once, when the plugin is created; errors name the option and the fix. */
export function resolveOptions(options: BuildMetricsOptions = {}): ResolvedBuildMetricsOptions {
  if (typeof options !== 'object' || options === null) {
    throw new BuildMetricsOptionError('buildMetrics(options): options must be an object')
  }
  let compression: CompressionSettings
  try {
    compression = resolveCompression({ gzip: options.gzip, brotli: options.brotli })
  } catch (error) {
    throw new BuildMetricsOptionError(`buildMetrics: ${(error as Error).message}`)
  }
  const buildInfo = options.buildInfo
  return {
    historyDir: stringOption('historyDir', options.historyDir) ?? DEFAULT_HISTORY_DIR,
    project: stringOption('project', options.project),
    compression,
    thresholds: {
      production: thresholds('production', options.thresholds?.production),
      development: thresholds('development', options.thresholds?.development),
    },
    buildInfo: buildInfo
      ? {
          fileName:
            (typeof buildInfo === 'object' && stringOption('buildInfo.fileName', buildInfo.fileName)) ||
            'build-info.json',
        }
      : null,
    baseBranch: stringOption('baseBranch', options.baseBranch),
    quiet: Boolean(options.quiet),
    record: options.record ?? true,
    recordRebuilds: options.recordRebuilds ?? true,
    html: resolveHtml(options.html),
  }
}

function stringOption(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BuildMetricsOptionError(
      `buildMetrics: ${name} must be a non-empty string, got ${JSON.stringify(value)}`,
    )
  }
  return value
}

function thresholds(
  mode: 'production' | 'development',
  user: Partial<BuildTimeThresholds> = {},
): BuildTimeThresholds {
  const merged = { ...DEFAULT_THRESHOLDS[mode], ...user }
  for (const key of ['good', 'warning'] as const) {
    if (!(Number.isFinite(merged[key]) && merged[key] > 0)) {
      throw new BuildMetricsOptionError(
        `buildMetrics: thresholds.${mode}.${key} must be a positive number of milliseconds, got ${JSON.stringify(merged[key])}`,
      )
    }
  }
  if (merged.warning < merged.good) {
    throw new BuildMetricsOptionError(
      `buildMetrics: thresholds.${mode}.warning (${merged.warning}) must be at least thresholds.${mode}.good (${merged.good})`,
    )
  }
  return merged
}

function resolveHtml(html: BuildMetricsOptions['html']): ResolvedBuildMetricsOptions['html'] {
  if (html === undefined || html.validate === undefined || html.validate === false) return null
  if (html.validate !== true && html.validate !== 'warn' && html.validate !== 'error') {
    throw new BuildMetricsOptionError(
      `buildMetrics: html.validate must be true, 'warn' or 'error', got ${JSON.stringify(html.validate)}`,
    )
  }
  return { mode: html.validate === 'error' ? 'error' : 'warn', config: html.config }
}
