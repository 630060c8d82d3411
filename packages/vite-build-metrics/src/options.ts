import {
  type CompressionOptions,
  type CompressionSettings,
  createRedactor,
  DEFAULT_HISTORY_DIR,
  describeOptionIssue,
  type OtlpTarget,
  otlpTargetFromEnv,
  resolveCompression,
} from '@shipwatch/core/build'
import * as v from 'valibot'

export interface BuildTimeThresholds {
  /** Builds under this many ms are `good`. */
  good: number
  /** Builds under this many ms are `warning`; slower ones are `critical`. */
  warning: number
}

export interface BuildMetricsOptions {
  /** Folder for the history and `latest.json`, relative to the project root. @default 'test-artifacts/build-metrics' */
  historyDir?: string
  /**
   * A PostgreSQL history (`postgres://…`) that every record is also sent to, after the file history; unreachable,
   * the record waits in `unsent.jsonl` for the next build or `build-metrics history sync`.
   * @default SHIPWATCH_HISTORY_URL
   */
  historyUrl?: string
  /**
   * Send each build as a trace over OTLP/HTTP: `true` to the endpoint of OTEL_EXPORTER_OTLP_ENDPOINT (the default when
   * it is set), `{ endpoint, headers }` to another, `false` never. Its parent is TRACEPARENT when set.
   * @default true when OTEL_EXPORTER_OTLP_ENDPOINT is set
   */
  otel?: boolean | { endpoint: string; headers?: Record<string, string> }
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
  historyUrl: string | null
  otel: OtlpTarget | null
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

const text = (fix: string) => v.pipe(v.string(fix), v.trim(), v.nonEmpty(fix))
const flag = (name: string) => v.optional(v.boolean(`must be true or false (${name}: true)`))
const milliseconds = v.optional(
  v.pipe(v.number('must be a number of milliseconds'), v.finite(), v.minValue(1, 'must be at least 1 ms')),
)
const modeThresholds = v.optional(v.strictObject({ good: milliseconds, warning: milliseconds }))

/**
 * Every option, strictly: a key the plugin does not know is an error naming the closest known one, so a typo or a
 * string where a boolean belongs (`quiet: "no"`) never passes silently in a vite.config.js.
 */
const optionsSchema = v.strictObject({
  historyDir: v.optional(text('must be a folder path, e.g. "test-artifacts/build-metrics"')),
  historyUrl: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, e.g. "postgres://db.example:5432/builds"'),
    ),
  ),
  otel: v.optional(
    v.union(
      [
        v.boolean(),
        v.strictObject({
          endpoint: v.pipe(v.string(), v.regex(/^https?:\/\//, 'must be an http(s) URL')),
          headers: v.optional(v.record(v.string(), v.string())),
        }),
      ],
      'must be true, false or { endpoint: "https://collector.example/v1/traces" }',
    ),
  ),
  project: v.optional(text('must be a non-empty project name')),
  gzip: v.optional(
    v.union(
      [v.boolean(), v.strictObject({ level: v.optional(v.number()) })],
      'must be true, false or { level: 1–9 }',
    ),
  ),
  brotli: v.optional(
    v.union(
      [v.boolean(), v.strictObject({ quality: v.optional(v.number()) })],
      'must be true, false or { quality: 0–11 }',
    ),
  ),
  thresholds: v.optional(v.strictObject({ production: modeThresholds, development: modeThresholds })),
  buildInfo: v.optional(
    v.union(
      [v.boolean(), v.strictObject({ fileName: v.optional(text('must be a file name')) })],
      'must be true, false or { fileName: "build-info.json" }',
    ),
  ),
  baseBranch: v.optional(text('must be a branch name, e.g. "main"')),
  quiet: flag('quiet'),
  record: flag('record'),
  recordRebuilds: flag('recordRebuilds'),
  html: v.optional(
    v.strictObject({
      validate: v.optional(
        v.union([v.boolean(), v.picklist(['warn', 'error'])], "must be true, false, 'warn' or 'error'"),
      ),
      config: v.optional(v.record(v.string(), v.unknown(), 'must be an html-validate configuration object')),
    }),
  ),
}) satisfies v.GenericSchema<BuildMetricsOptions>

/** Validates options once, when the plugin is created; errors name the option and the fix. */
export function resolveOptions(input: BuildMetricsOptions = {}): ResolvedBuildMetricsOptions {
  const parsed = v.safeParse(optionsSchema, input ?? {})
  if (!parsed.success) {
    // A history URL holds a password: the message shows the value without its secret parts.
    const redact = createRedactor([typeof input?.historyUrl === 'string' ? input.historyUrl : null])
    throw new BuildMetricsOptionError(
      redact(describeOptionIssue('buildMetrics(options)', parsed.issues[0], optionsSchema)),
    )
  }
  const options = parsed.output
  let compression: CompressionSettings
  try {
    compression = resolveCompression({ gzip: options.gzip, brotli: options.brotli })
  } catch (error) {
    throw new BuildMetricsOptionError(`buildMetrics(options): ${(error as Error).message}`)
  }
  const buildInfo = options.buildInfo
  return {
    historyDir: options.historyDir ?? DEFAULT_HISTORY_DIR,
    historyUrl: options.historyUrl ?? historyUrlFromEnv(),
    otel:
      options.otel === false
        ? null
        : typeof options.otel === 'object'
          ? { url: options.otel.endpoint, headers: options.otel.headers ?? {} }
          : otlpTargetFromEnv(process.env),
    project: options.project ?? null,
    compression,
    thresholds: {
      production: thresholds('production', options.thresholds?.production),
      development: thresholds('development', options.thresholds?.development),
    },
    buildInfo: buildInfo
      ? { fileName: (typeof buildInfo === 'object' && buildInfo.fileName) || 'build-info.json' }
      : null,
    baseBranch: options.baseBranch ?? null,
    quiet: options.quiet ?? false,
    record: options.record ?? true,
    recordRebuilds: options.recordRebuilds ?? true,
    html: resolveHtml(options.html),
  }
}

function thresholds(
  mode: 'production' | 'development',
  user: Partial<BuildTimeThresholds> = {},
): BuildTimeThresholds {
  const merged = { ...DEFAULT_THRESHOLDS[mode], ...user }
  if (merged.warning < merged.good) {
    throw new BuildMetricsOptionError(
      `buildMetrics(options): thresholds.${mode}.warning (${merged.warning}) must be at least thresholds.${mode}.good (${merged.good})`,
    )
  }
  return merged
}

function resolveHtml(html: BuildMetricsOptions['html']): ResolvedBuildMetricsOptions['html'] {
  if (html === undefined || html.validate === undefined || html.validate === false) return null
  return { mode: html.validate === 'error' ? 'error' : 'warn', config: html.config }
}

/** SHIPWATCH_HISTORY_URL switches a team to its database. The message never repeats the value: it holds a password. */
function historyUrlFromEnv(): string | null {
  const url = process.env.SHIPWATCH_HISTORY_URL
  if (!url) return null
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new BuildMetricsOptionError(
      'SHIPWATCH_HISTORY_URL must be a postgres:// URL, e.g. postgres://user:password@host:5432/db',
    )
  return url
}
