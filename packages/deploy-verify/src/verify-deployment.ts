import {
  type CheckResult,
  createEnvelope,
  createRedactor,
  type DeployRecord,
  redactDeep,
} from '@shipwatch/core'
import { validateConfig } from './config/options.js'
import type { DeployVerifyConfig } from './config/schema.js'
import { fetchLimited } from './http/fetch-limited.js'
import { getRaw } from './http/get-raw.js'
import { runChecks } from './runner/run-checks.js'
import { selectChecks } from './select-checks.js'

export interface VerifyOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Called as each check finishes (for progress lines). */
  onResult?: (result: CheckResult) => void
}

/**
 * Verifies a deployment: runs the configured checks concurrently and returns a deploy record (not yet stored).
 * Every string of the record is redacted of every part of the secrets it may meet (a server may echo them).
 */
export async function verifyDeployment(
  config: DeployVerifyConfig,
  options: VerifyOptions = {},
): Promise<DeployRecord> {
  const env = options.env ?? process.env
  const cwd = options.cwd ?? process.cwd()
  const valid = validateConfig(config, env)
  const origin = new URL(valid.url).origin
  const secret = env[valid.bypassSecretEnv ?? 'VERCEL_AUTOMATION_BYPASS_SECRET']
  // Supabase keys are secrets too, whichever variable holds them.
  const keyEnv = typeof valid.supabase === 'object' ? valid.supabase.keyEnv : undefined
  const dbUrlEnv = typeof valid.migrations === 'object' ? valid.migrations.databaseUrlEnv : undefined
  const redact = createRedactor([
    secret,
    env[keyEnv ?? 'SUPABASE_ANON_KEY'],
    env.SUPABASE_SERVICE_ROLE_KEY,
    env[dbUrlEnv ?? 'SUPABASE_DB_URL'],
    env.VERCEL_TOKEN,
    env.GITHUB_TOKEN,
  ])
  const { readRecordContext } = await import('@shipwatch/core')
  const context = await readRecordContext({ cwd, env })
  const expectedSha = valid.commit ?? env.VERCEL_GIT_COMMIT_SHA ?? context.git.sha
  const checks = selectChecks(valid, { env, cwd, expectedSha: expectedSha ?? null, secret })

  const results = await runChecks(
    checks,
    (signal) => ({
      baseUrl: valid.url,
      signal,
      fetch: (path, fetchOptions = {}) =>
        fetchLimited(new URL(path, `${valid.url}/`).href, {
          ...fetchOptions,
          signal,
          ...(secret ? { secretHeaders: { origin, headers: { 'x-vercel-protection-bypass': secret } } } : {}),
        }),
      // Always the deployment's own origin, so the bypass header may go along.
      getRaw: (path) =>
        getRaw(new URL(path, `${valid.url}/`).href, {
          signal,
          headers: secret ? { 'x-vercel-protection-bypass': secret } : {},
        }),
    }),
    {
      deadline: Date.now() + (valid.deadlineMs ?? 120_000),
      onResult: (r) => options.onResult?.(redactDeep(withoutFacts(r), redact)),
    },
  )
  const checksOut = results.map(withoutFacts)
  const servedSha = results.find((r) => r.facts?.servedSha !== undefined)?.facts?.servedSha ?? null
  return redactDeep<DeployRecord>(
    {
      ...createEnvelope(context, valid.url),
      kind: 'deploy',
      url: valid.url,
      environment: env.VERCEL_ENV ?? null,
      deployment: null,
      expectedSha: expectedSha ?? null,
      servedSha,
      checks: checksOut,
      status: checksOut.some((c) => c.status === 'fail') ? 'fail' : 'pass',
    },
    redact,
  )
}

function withoutFacts({ facts: _facts, ...result }: CheckResult & { facts?: unknown }): CheckResult {
  return result
}
