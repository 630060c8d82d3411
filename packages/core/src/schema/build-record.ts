import { z } from 'zod'
import { envelopeShape } from './envelope.js'

export const hookTimingSchema = z.object({
  calls: z.number().int().nonnegative(),
  /** Sum of every call's duration; double-counts when calls overlap. */
  totalMs: z.number().nonnegative(),
  /** Wall time during which at least one call was in flight (union of spans). */
  busyMs: z.number().nonnegative(),
  /** Time counted more than once because calls ran concurrently: Σ (inFlight − 1) × Δt. */
  overlapMs: z.number().nonnegative(),
})

export const pluginTimingSchema = z.object({
  name: z.string(),
  /** Position in the bundler's plugin list; tells two instances of one plugin apart. */
  index: z.number().int().nonnegative(),
  hooks: z.record(z.string(), hookTimingSchema),
})

export const phaseSchema = z.object({
  name: z.string(),
  durationMs: z.number().nonnegative(),
})

export const outputKindSchema = z.enum(['js', 'css', 'html', 'image', 'font', 'map', 'other'])

export const moduleSizeSchema = z.object({ id: z.string(), size: z.number().nonnegative() })

export const outputSchema = z.object({
  fileName: z.string(),
  type: z.enum(['chunk', 'asset']),
  kind: outputKindSchema,
  name: z.string().nullable().optional(),
  size: z.number().int().nonnegative(),
  gzip: z.number().int().nonnegative().optional(),
  brotli: z.number().int().nonnegative().optional(),
  isEntry: z.boolean(),
  isDynamicEntry: z.boolean(),
  imports: z.array(z.string()),
  dynamicImports: z.array(z.string()),
  /** CSS files the chunk loads (Vite), so a page's initial set can be recomputed from the record. */
  css: z.array(z.string()).optional(),
  /**
   * A chunk's modules by rendered length, largest first: every module of 2,000 B or more and always the 10 largest.
   * Ids are relative to the project root; package files are `name@version/path`.
   */
  modules: z.array(moduleSizeSchema),
  /** A chunk's rendered bytes, every module counted (what `modules` leaves out is the difference). */
  rendered: z.number().nonnegative().optional(),
  /** A chunk's rendered bytes per npm package (`name@version`), every module counted. */
  packages: z.record(z.string(), z.number().nonnegative()).optional(),
  /** A chunk's facade (entry) module, named like `modules`: its identity across builds. */
  facade: z.string().optional(),
  /** An asset's source file before hashing: its identity across builds. */
  originalName: z.string().optional(),
})

export const compressionSettingsSchema = z.object({
  gzip: z.object({ level: z.number().int() }).nullable(),
  brotli: z.object({ quality: z.number().int() }).nullable(),
})

export const sizeSetSchema = z.object({
  files: z.array(z.string()),
  size: z.number().int().nonnegative(),
  gzip: z.number().int().nonnegative().optional(),
  brotli: z.number().int().nonnegative().optional(),
})

export const pageSchema = z.object({ html: z.string(), initial: sizeSetSchema })

export const budgetResultSchema = z.object({
  rule: z.string(),
  /** What was measured: a page, an entry, a file, a type total. */
  target: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'no-baseline']),
  actual: z.number().nullable(),
  limit: z.number().nullable(),
  message: z.string(),
  /** Largest contributors and what grew against the baseline. */
  details: z.array(z.string()).optional(),
})

export const failureReasonSchema = z.object({
  /** What failed: the bundler, a budget, HTML validation, the tracked command's exit code or signal, or its start. */
  kind: z.enum(['bundler', 'budget', 'html', 'exit-code', 'signal', 'not-started']),
  message: z.string(),
})

export const buildOutcomeSchema = z.object({
  result: z.enum(['succeeded', 'failed']),
  /** Empty when the build succeeded. */
  reasons: z.array(failureReasonSchema),
})

export const htmlMessageSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  selector: z.string().nullable(),
})

export const htmlResultSchema = z.object({
  page: z.string(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  messages: z.array(htmlMessageSchema),
})

export type HtmlMessage = z.infer<typeof htmlMessageSchema>

export const buildStatusSchema = z.enum(['good', 'warning', 'critical'])

export const buildRecordSchema = z.object({
  ...envelopeShape,
  kind: z.literal('build'),
  tool: z.object({ name: z.string(), version: z.string() }),
  bundler: z.object({ name: z.string(), version: z.string().nullable() }),
  mode: z.enum(['production', 'development']),
  environment: z.string().nullable(),
  /** `app` when the build emitted an HTML page, else `library`: an app and a library never share a baseline. */
  target: z.enum(['app', 'library']),
  watchRebuild: z.boolean(),
  cache: z.boolean().nullable(),
  /** Command exit code, for builds tracked by `build-metrics track`. */
  exitCode: z.number().int().nullable().optional(),
  /** Wall time of the whole command, for builds run under `build-metrics track`. */
  commandMs: z.number().nonnegative().optional(),
  durationMs: z.number().nonnegative(),
  phases: z.array(phaseSchema),
  plugins: z.array(pluginTimingSchema),
  /** Phase time not spent in JS hooks: native plugins and the bundler's own work. */
  bundlerInternalMs: z.number().nonnegative().nullable(),
  modules: z.object({
    total: z.number().int().nonnegative(),
    source: z.number().int().nonnegative(),
    nodeModules: z.number().int().nonnegative(),
    byExtension: z.record(z.string(), z.number().int().nonnegative()),
  }),
  compression: compressionSettingsSchema,
  outputs: z.array(outputSchema),
  pages: z.array(pageSchema),
  /**
   * Import chains of each chunk's 3 largest modules and each package's largest module in it, for those the baseline
   * at build time did not have (all of them without one): every module on a chain maps to its importer on a
   * shortest path from an entry (`…` where a chain longer than 8 was cut).
   */
  importers: z.record(z.string(), z.string()).optional(),
  budgets: z.array(budgetResultSchema).optional(),
  html: z.array(htmlResultSchema).optional(),
  /** Whether the build succeeded, and why not. A failed build is recorded, and never becomes a baseline. */
  outcome: buildOutcomeSchema,
  /** Build time against the thresholds (production 60 s / 120 s): how long, not whether it worked. */
  status: buildStatusSchema,
})

export type HookTiming = z.infer<typeof hookTimingSchema>
export type PluginTiming = z.infer<typeof pluginTimingSchema>
export type Phase = z.infer<typeof phaseSchema>
export type OutputKind = z.infer<typeof outputKindSchema>
export type OutputFile = z.infer<typeof outputSchema>
export type PageInitial = z.infer<typeof pageSchema>
export type CompressionSettings = z.infer<typeof compressionSettingsSchema>
export type BudgetResult = z.infer<typeof budgetResultSchema>
export type BuildOutcome = z.infer<typeof buildOutcomeSchema>
export type FailureReason = z.infer<typeof failureReasonSchema>
export type HtmlResult = z.infer<typeof htmlResultSchema>
export type BuildStatus = z.infer<typeof buildStatusSchema>
export type BuildRecord = z.infer<typeof buildRecordSchema>
