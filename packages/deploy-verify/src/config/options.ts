import { type BudgetRule, closestName } from '@shipwatch/core'
import type { SmokeOptions } from '../checks/browser-smoke.js'
import type { EdgeFunctionSpec } from '../checks/edge-functions.js'
import type { HealthOptions } from '../checks/health.js'
import type { MigrationsOptions } from '../checks/migrations.js'
import type { SecurityHeadersOptions } from '../checks/security-headers.js'
import type { SupabaseOptions } from '../checks/supabase.js'

export interface DeployVerifyConfig {
  /** The deployment to verify, e.g. https://my-app-git-feat.vercel.app */
  url?: string
  /** The commit it must serve. @default --commit, else VERCEL_GIT_COMMIT_SHA, else git HEAD */
  commit?: string
  /** Health check; `false` turns it off. @default { paths: ['/api/health'], ttfbMs: 200 } */
  health?: HealthOptions | false
  /** Build identity check; `false` turns it off. @default { path: '/build-info.json', waitMs: 60000 } */
  identity?: { path?: string; waitMs?: number; maxFiles?: number } | false
  /** Security headers graded with the MDN HTTP Observatory algorithm; `false` turns it off. @default { minGrade: 'B', algorithmVersion: 4 } */
  security?: SecurityHeadersOptions | false
  /** Pages the bundle and HTML checks load. @default ['/'] */
  pages?: string[]
  /** Served bundle size against budget rules (as in @shipwatch/bundle-budget); `false` turns it off. @default initial JS < 500 kB gzip */
  bundle?: { budgets?: BudgetRule[] } | false
  /** Served HTML through the shared validator; `false` turns it off. */
  html?: false | Record<string, never>
  /** Browser smoke test in a system Chromium (skipped, saying how to install one, when there is none); `false` turns it off. */
  smoke?: SmokeOptions | false
  /** Supabase auth, data and storage probes; off unless configured (or SUPABASE_URL is set). */
  supabase?: SupabaseOptions | false
  /** Supabase edge functions to call, each with its expected status and fields. */
  functions?: EdgeFunctionSpec[]
  /** Pending Supabase migrations (needs SUPABASE_DB_URL and the `postgres` client); skipped without them. */
  migrations?: MigrationsOptions | false
  /** Per-check attempt timeout in ms. @default 10000 */
  timeoutMs?: number
  /** Retries of a failed check. @default 2 */
  retries?: number
  /** Everything must finish within this many ms. @default 120000 */
  deadlineMs?: number
  /** Environment variable holding the Vercel protection bypass secret. @default 'VERCEL_AUTOMATION_BYPASS_SECRET' */
  bypassSecretEnv?: string
  /** History folder for the deploy record. @default 'test-artifacts/build-metrics' */
  historyDir?: string
}

export class DeployConfigError extends Error {
  override name = 'DeployConfigError'
}

// Every key of DeployVerifyConfig, so a typo in a config file is an error, not a check silently left at its default.
const KNOWN_KEYS: (keyof DeployVerifyConfig)[] = [
  'url',
  'commit',
  'health',
  'identity',
  'security',
  'pages',
  'bundle',
  'html',
  'smoke',
  'supabase',
  'functions',
  'migrations',
  'timeoutMs',
  'retries',
  'deadlineMs',
  'bypassSecretEnv',
  'historyDir',
]

/** Typed helper for deploy-verify.config.ts. */
export function defineConfig(config: DeployVerifyConfig): DeployVerifyConfig {
  return config
}

/** Checks the values that would otherwise fail in confusing ways later; errors name the field and the fix. */
export function validateConfig(
  config: DeployVerifyConfig,
): Required<Pick<DeployVerifyConfig, 'url'>> & DeployVerifyConfig {
  if (typeof config !== 'object' || config === null)
    throw new DeployConfigError('the configuration must be an object like { url, health, … }')
  for (const key of Object.keys(config)) {
    if (KNOWN_KEYS.includes(key as keyof DeployVerifyConfig)) continue
    const guess = closestName(key, KNOWN_KEYS)
    throw new DeployConfigError(
      `unknown option ${key}${guess ? ` (did you mean ${guess}?)` : ''}; known: ${KNOWN_KEYS.join(', ')}`,
    )
  }
  if (!config.url)
    throw new DeployConfigError(
      'url is required: deploy-verify https://your-deployment.example (or url in deploy-verify.config.ts)',
    )
  let parsed: URL
  try {
    parsed = new URL(config.url)
  } catch {
    throw new DeployConfigError(`url "${config.url}" is not a URL: include the scheme, e.g. https://…`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new DeployConfigError(`url must be http or https, got ${parsed.protocol}`)
  for (const field of ['timeoutMs', 'retries', 'deadlineMs'] as const) {
    const value = config[field]
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new DeployConfigError(
        `${field} must be a non-negative whole number, got ${JSON.stringify(value)}`,
      )
    }
  }
  return { ...config, url: parsed.href.replace(/\/$/, '') }
}
