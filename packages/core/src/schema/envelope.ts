import { z } from 'zod'

import { SCHEMA_VERSION } from './version.js'

export { SCHEMA_VERSION }

export const gitInfoSchema = z.object({
  sha: z.string().nullable(),
  branch: z.string().nullable(),
  dirty: z.boolean().nullable(),
  subject: z.string().nullable(),
  author: z.string().nullable(),
  committedAt: z.string().nullable(),
  /** Merge-base of HEAD with the base branch, when the base branch is known. */
  baseSha: z.string().nullable().optional(),
})

export const ciInfoSchema = z.object({
  isCi: z.boolean(),
  provider: z.string().nullable(),
  buildId: z.string().nullable(),
  buildUrl: z.string().nullable(),
  branch: z.string().nullable(),
  pr: z.number().int().nullable(),
  baseBranch: z.string().nullable(),
  baseSha: z.string().nullable(),
  /** `owner/repo` (GitLab: `group/subgroup/repo`) as the CI service names it: records of many repositories share a database. */
  repository: z.string().nullable().optional(),
})

export const machineInfoSchema = z.object({
  os: z.string(),
  arch: z.string(),
  cpuModel: z.string(),
  cores: z.number().int().nonnegative(),
  memory: z.number().nonnegative(),
  node: z.string(),
})

export const envelopeShape = {
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  createdAt: z.iso.datetime(),
  project: z.string(),
  git: gitInfoSchema,
  ci: ciInfoSchema,
  machine: machineInfoSchema,
}

export type GitInfo = z.infer<typeof gitInfoSchema>
export type CiInfo = z.infer<typeof ciInfoSchema>
export type MachineInfo = z.infer<typeof machineInfoSchema>
