import { fetchLimited, HttpError } from '../http/fetch-limited.js'
import type { Check, CheckContext, CheckOutcome } from '../runner/check.js'
import { supabaseHeaders } from './supabase.js'

export interface EdgeFunctionSpec {
  name: string
  /** @default 'POST' */
  method?: string
  body?: unknown
  headers?: Record<string, string>
  /** @default 200 */
  expectStatus?: number
  /** Fields the JSON answer must have. */
  expect?: Record<string, unknown>
}

/** What Supabase's edge runtime answers mean (status, and the `sb-error-code` header on failures). */
export function classifyFunctionFailure(status: number, errorCode: string | null): string {
  if (status === 404) return 'not deployed (404)'
  if (status === 401)
    return 'JWT gate: the function requires a valid JWT (401) — deploy with --no-verify-jwt or send a user token'
  if (status === 503 || errorCode === 'BOOT_ERROR')
    return `boot error: the function failed to start (${status}${errorCode ? `, ${errorCode}` : ''})`
  if (status === 546 || errorCode === 'WORKER_LIMIT')
    return `worker limit: out of memory or CPU time (${status}${errorCode ? `, ${errorCode}` : ''})`
  if (status === 500 || errorCode === 'EDGE_FUNCTION_ERROR')
    return `crashed: uncaught error in the function (${status}${errorCode ? `, ${errorCode}` : ''})`
  return `answered ${status}${errorCode ? ` (${errorCode})` : ''}`
}

export function edgeFunctionsCheck(
  functions: EdgeFunctionSpec[],
  options: { url?: string; keyEnv?: string },
  env: NodeJS.ProcessEnv,
  limits: { timeoutMs: number; retries: number },
): Check {
  return {
    id: 'functions',
    title: 'Edge functions',
    ...limits,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const base = (options.url ?? env.SUPABASE_URL ?? '').replace(/\/$/, '')
      const key = env[options.keyEnv ?? 'SUPABASE_ANON_KEY']
      if (!base || functions.length === 0) return { status: 'skip', message: 'no edge functions configured' }
      const results = await Promise.all(functions.map((fn) => call(fn, base, key, context)))
      const failed = results.filter((r) => !r.ok)
      const details = results.map((r) => `${r.name}: ${r.message}`)
      if (failed.length > 0)
        return { status: 'fail', message: failed.map((r) => `${r.name} ${r.message}`).join('; '), details }
      return { status: 'pass', message: `${results.length} function(s) answered as expected`, details }
    },
  }
}

async function call(fn: EdgeFunctionSpec, base: string, key: string | undefined, context: CheckContext) {
  const expected = fn.expectStatus ?? 200
  try {
    const result = await fetchLimited(`${base}/functions/v1/${encodeURIComponent(fn.name)}`, {
      method: fn.method ?? 'POST',
      headers: { ...(key ? supabaseHeaders(key) : {}), 'content-type': 'application/json', ...fn.headers },
      ...(fn.body === undefined ? {} : { body: JSON.stringify(fn.body) }),
      signal: context.signal,
    })
    if (result.status !== expected) {
      return {
        name: fn.name,
        ok: false,
        message: `${classifyFunctionFailure(result.status, result.headers.get('sb-error-code'))}; expected ${expected}`,
      }
    }
    for (const [field, value] of Object.entries(fn.expect ?? {})) {
      let body: Record<string, unknown> | null = null
      try {
        body = JSON.parse(result.body.toString('utf8')) as Record<string, unknown>
      } catch {
        return { name: fn.name, ok: false, message: 'answered non-JSON' }
      }
      if (JSON.stringify(body?.[field]) !== JSON.stringify(value)) {
        return {
          name: fn.name,
          ok: false,
          message: `${field} is ${JSON.stringify(body?.[field])}, expected ${JSON.stringify(value)}`,
        }
      }
    }
    return { name: fn.name, ok: true, message: `ok (${result.status}, ${Math.round(result.ttfbMs)} ms)` }
  } catch (error) {
    return {
      name: fn.name,
      ok: false,
      message: `network: ${error instanceof HttpError ? error.message : (error as Error).message}`,
    }
  }
}
