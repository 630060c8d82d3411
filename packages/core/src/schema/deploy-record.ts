import { z } from 'zod'
import { budgetResultSchema } from './build-record.js'
import { envelopeShape } from './envelope.js'

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip'])

const millis = z.number().nonnegative()

/** A check's figures as fields, by check: what a dashboard or a later comparison reads without parsing messages. */
export const checkDataSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('security'),
    /** The Observatory grade of the response as served. */
    grade: z.string(),
    score: z.number(),
    algorithmVersion: z.number().int(),
    /** The grade the gate judged: over plain http, the grade without the two https-only tests. */
    gatedGrade: z.string(),
    minGrade: z.string(),
    https: z.boolean(),
    /** Each Observatory test: its result, score modifier, and `pass` when it costs no points. */
    tests: z.record(z.string(), z.object({ result: z.string(), modifier: z.number(), pass: z.boolean() })),
  }),
  z.object({
    kind: z.literal('smoke'),
    pages: z.array(
      z.object({
        path: z.string(),
        ttfbMs: millis,
        fcpMs: millis.nullable(),
        lcpMs: millis.nullable(),
        cls: z.number().nonnegative(),
        screenshot: z.string().nullable(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('bundle'),
    pages: z.array(
      z.object({ path: z.string(), transferredBytes: z.number().int(), decodedBytes: z.number().int() }),
    ),
    /** Each budget rule: measured bytes (or count) and its limit. */
    budgets: z.array(budgetResultSchema),
  }),
  z.object({
    kind: z.literal('health'),
    paths: z.array(z.object({ path: z.string(), status: z.number().int(), ttfbMs: millis })),
  }),
  z.object({
    kind: z.literal('compare'),
    productionUrl: z.string(),
    runs: z.number().int(),
    /** Per page and metric: medians of both, and the candidate's change with its noise bound (median absolute deviation). */
    metrics: z.array(
      z.object({
        page: z.string(),
        metric: z.string(),
        candidateMs: z.number(),
        productionMs: z.number(),
        change: z.number(),
        noiseMs: z.number(),
        slower: z.boolean(),
      }),
    ),
    candidateGrade: z.string().nullable(),
    productionGrade: z.string().nullable(),
  }),
])

export const checkResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: checkStatusSchema,
  /** Status of the first attempt (always written since deploy-verify 0.3); differs from `status` when a retry changed it. */
  firstStatus: checkStatusSchema.optional(),
  attempts: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  message: z.string(),
  details: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
  data: checkDataSchema.optional(),
})

export const deployRecordSchema = z.object({
  ...envelopeShape,
  kind: z.literal('deploy'),
  url: z.string(),
  environment: z.string().nullable(),
  deployment: z
    .object({ provider: z.string(), id: z.string().nullable(), url: z.string().nullable() })
    .nullable(),
  expectedSha: z.string().nullable(),
  servedSha: z.string().nullable(),
  checks: z.array(checkResultSchema),
  status: z.enum(['pass', 'fail']),
})

export type CheckStatus = z.infer<typeof checkStatusSchema>
export type CheckResult = z.infer<typeof checkResultSchema>
export type CheckData = z.infer<typeof checkDataSchema>
export type DeployRecord = z.infer<typeof deployRecordSchema>
