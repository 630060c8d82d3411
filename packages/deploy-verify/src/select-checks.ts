import { browserSmokeCheck } from './checks/browser-smoke.js'
import { buildIdentityCheck } from './checks/build-identity.js'
import { compareCheck } from './checks/compare.js'
import { edgeFunctionsCheck } from './checks/edge-functions.js'
import { healthCheck } from './checks/health.js'
import { migrationsCheck } from './checks/migrations.js'
import { securityHeadersCheck } from './checks/security-headers.js'
import { servedBundleCheck } from './checks/served-bundle.js'
import { servedHtmlCheck } from './checks/served-html.js'
import { supabaseCheck } from './checks/supabase.js'
import type { ValidConfig } from './config/options.js'
import type { Check, CheckMode } from './runner/check.js'

export interface CheckSetup {
  env: NodeJS.ProcessEnv
  cwd: string
  expectedSha: string | null
  /** The protection bypass secret, sent to the deployment's own origin only. */
  secret: string | undefined
}

/**
 * Every check the configuration asks for, in report order. `false` turns a check off; left out, a check runs with its
 * defaults and skips what the site does not have (mode `default`); `true` or options make it required. Checks of an
 * app convention that is not configured appear as skipped, with what would turn them on.
 */
export function selectChecks(config: ValidConfig, setup: CheckSetup): Check[] {
  const limits = { timeoutMs: config.timeoutMs ?? 10_000, retries: config.retries ?? 2 }
  const { env, cwd } = setup
  const checks: Check[] = []
  if (config.health !== false)
    checks.push(healthCheck(optionsOf(config.health), limits, modeOf(config.health)))
  if (config.identity !== false)
    checks.push(
      buildIdentityCheck(
        { expectedSha: setup.expectedSha, ...optionsOf(config.identity) },
        limits,
        modeOf(config.identity),
      ),
    )
  if (config.security !== false) checks.push(securityHeadersCheck(optionsOf(config.security), limits))
  if (config.bundle !== false)
    checks.push(servedBundleCheck({ pages: config.pages, ...optionsOf(config.bundle) }, limits))
  if (config.html !== false)
    checks.push(servedHtmlCheck({ pages: config.pages }, limits, modeOf(config.html)))
  if (config.smoke !== false)
    checks.push(
      browserSmokeCheck(optionsOf(config.smoke), env, cwd, setup.secret, limits, modeOf(config.smoke)),
    )
  const supabase =
    config.supabase === false
      ? null
      : config.supabase !== undefined || env.SUPABASE_URL
        ? optionsOf(config.supabase)
        : null
  if (supabase) checks.push(supabaseCheck(supabase, env, limits))
  else if (config.supabase === undefined)
    checks.push(
      notConfigured('supabase', 'Supabase', 'set SUPABASE_URL (and SUPABASE_ANON_KEY) or supabase: { url }'),
    )
  if (config.functions?.length) checks.push(edgeFunctionsCheck(config.functions, supabase ?? {}, env, limits))
  if (config.migrations !== false)
    checks.push(migrationsCheck(optionsOf(config.migrations), env, cwd, limits, modeOf(config.migrations)))
  if (config.compare)
    checks.push(compareCheck(config.compare, { timeoutMs: limits.timeoutMs, pages: config.pages }))
  return checks
}

function modeOf(value: unknown): CheckMode {
  return value === undefined ? 'default' : 'required'
}

function optionsOf<T extends object>(value: T | boolean | undefined): T | Record<string, never> {
  return typeof value === 'object' ? value : {}
}

/** A check of an app convention the configuration does not mention: reported as skipped, with how to turn it on. */
function notConfigured(id: string, title: string, howToEnable: string): Check {
  return {
    id,
    title,
    timeoutMs: 0,
    retries: 0,
    run: async () => ({ status: 'skip', message: `not configured: ${howToEnable}` }),
  }
}
