import { BudgetConfigError, type BudgetRule, resolveRules } from '@shipwatch/core'
import { z } from 'zod'
import { GRADE_ORDER } from '../security/score-table.js'

// One schema for the config file, the flags and `verifyDeployment(config)`: every object is strict, so a typo is an
// error naming the closest known key instead of a check silently left at its default.

const wholeMs = z.int().nonnegative()
const sitePath = z.string().startsWith('/', 'must be a path on the deployment, starting with /')
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
const fields = z.record(z.string(), z.unknown())

const healthSchema = z.strictObject({
  /** @default ['/api/health'] */
  paths: z.array(sitePath).min(1).optional(),
  /** Fields the JSON body must have, e.g. `{ status: 'ok' }`. */
  expect: fields.optional(),
  /** Time-to-first-byte budget in ms; slower is a warning. @default 200 */
  ttfbMs: wholeMs.optional(),
})

const identitySchema = z.strictObject({
  /** @default '/build-info.json' */
  path: sitePath.optional(),
  /** Keep polling this long for the new build to go live. @default 60000 */
  waitMs: wholeMs.optional(),
  /** Served files compared with the recorded hashes. @default 20 */
  maxFiles: z.int().positive().optional(),
})

const securitySchema = z.strictObject({
  /** Lowest acceptable grade. @default 'B' */
  minGrade: z.enum(GRADE_ORDER as [string, ...string[]]).optional(),
  /** MDN HTTP Observatory algorithm version. @default 4 */
  algorithmVersion: z.union([z.literal(4), z.literal(5), z.literal(6)]).optional(),
  /** @default '/' */
  path: sitePath.optional(),
})

// Budget rules are checked by the same code as @shipwatch/bundle-budget's, so the messages are the same too.
const budgetsSchema = z
  .array(
    z.custom<BudgetRule>((rule) => typeof rule === 'object' && rule !== null, 'must be a budget rule object'),
  )
  .superRefine((rules, context) => {
    try {
      resolveRules(rules)
    } catch (error) {
      if (!(error instanceof BudgetConfigError)) throw error
      context.addIssue({ code: 'custom', message: error.message.replace(/^budgets/, 'bundle.budgets') })
    }
  })

const smokePageSchema = z.union([
  sitePath,
  z.strictObject({ path: sitePath, selector: z.string().optional(), text: z.string().optional() }),
])

const smokeSchema = z.strictObject({
  /** @default ['/'] */
  pages: z.array(smokePageSchema).min(1).optional(),
  /** @default 1500 */
  fcpMs: wholeMs.optional(),
  /** @default 2500 */
  lcpMs: wholeMs.optional(),
  /** @default 0.1 */
  cls: z.number().nonnegative().optional(),
  /** @default 'test-artifacts/build-metrics/screenshots' */
  screenshotDir: z.string().optional(),
  /** @default CHROME_PATH, else the usual system locations */
  chromePath: z.string().optional(),
})

const supabaseSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** @default 'SUPABASE_ANON_KEY' */
  keyEnv: envName.optional(),
  table: z.string().min(1).optional(),
})

const functionSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a function name (letters, digits, - and _)'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  expectStatus: z.int().min(100).max(599).optional(),
  expect: fields.optional(),
})

const migrationsSchema = z.strictObject({
  /** @default 'supabase/migrations' */
  dir: z.string().optional(),
  /** @default 'SUPABASE_DB_URL' */
  databaseUrlEnv: envName.optional(),
})

const compareSchema = z.strictObject({
  /** The production URL the candidate is compared with. */
  url: z.url({ protocol: /^https?$/ }),
  /** Loads of each page on each deployment, interleaved. @default 7 */
  runs: z.int().min(3).max(50).optional(),
  /** The candidate fails when its median is slower by more than this share and beyond the noise. @default 0.2 */
  maxSlowdown: z.number().positive().max(10).optional(),
})

/** `true` runs a check with its defaults and makes it required (a missing dependency fails it); `false` turns it off. */
const check = <T extends z.ZodType>(options: T) => z.union([z.boolean(), options]).optional()

export const deployVerifyConfigSchema = z.strictObject({
  /** The deployment to verify. @default the first argument, else DEPLOY_URL */
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://my-app.vercel.app' })
    .optional(),
  /** The commit it must serve. @default --commit, else VERCEL_GIT_COMMIT_SHA, else git HEAD */
  commit: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/i, 'must be a commit sha (7 to 40 hex digits)')
    .optional(),
  health: check(healthSchema),
  identity: check(identitySchema),
  security: check(securitySchema),
  /** Pages the bundle and HTML checks load. @default ['/'] */
  pages: z.array(sitePath).min(1).optional(),
  bundle: check(z.strictObject({ budgets: budgetsSchema.optional() })),
  html: check(z.strictObject({})),
  smoke: check(smokeSchema),
  supabase: check(supabaseSchema),
  functions: z.array(functionSchema).optional(),
  migrations: check(migrationsSchema),
  compare: compareSchema.optional(),
  /** Per-check attempt timeout in ms. @default 10000 */
  timeoutMs: wholeMs.optional(),
  /** Retries of a failed check. @default 2 */
  retries: z.int().min(0).max(10).optional(),
  /** Everything must finish within this many ms. @default 120000 */
  deadlineMs: wholeMs.optional(),
  /** @default 'VERCEL_AUTOMATION_BYPASS_SECRET' */
  bypassSecretEnv: envName.optional(),
  /** @default 'test-artifacts/build-metrics' */
  historyDir: z.string().optional(),
})

/** What a config file or `verifyDeployment` accepts. */
export type DeployVerifyConfig = z.input<typeof deployVerifyConfigSchema>
