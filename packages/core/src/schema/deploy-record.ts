import { z } from 'zod'
import { envelopeShape } from './envelope.js'

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip'])

export const checkResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: checkStatusSchema,
  /** Status of the first attempt; differs from `status` when a retry changed the outcome. */
  firstStatus: checkStatusSchema.optional(),
  attempts: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  message: z.string(),
  details: z.array(z.string()),
  metrics: z.record(z.string(), z.number()),
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
export type DeployRecord = z.infer<typeof deployRecordSchema>
