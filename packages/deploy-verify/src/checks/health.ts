import type { HttpResult } from '../http/fetch-limited.js'
import type { Check, CheckMode, CheckOutcome } from '../runner/check.js'
import { protectedMessage } from './protected.js'

export interface HealthOptions {
  /** @default ['/api/health'] */
  paths?: string[]
  /** Fields the JSON body must have, e.g. `{ status: 'ok' }`. */
  expect?: Record<string, unknown>
  /** Time-to-first-byte budget in ms; slower is a warning. @default 200 */
  ttfbMs?: number
}

/**
 * GET of each health path: 2xx, JSON, the expected fields, within the TTFB budget. A health path is an app's
 * convention: unless the user asked for the check, a deployment whose paths answer no JSON at all has none, and the
 * check skips saying so.
 */
export function healthCheck(
  options: HealthOptions,
  limits: { timeoutMs: number; retries: number },
  mode: CheckMode = 'required',
): Check {
  const paths = options.paths ?? ['/api/health']
  const budget = options.ttfbMs ?? 200
  return {
    id: 'health',
    title: 'Health',
    ...limits,
    async run(context) {
      const answers = await Promise.all(
        paths.map(async (path) => ({
          path,
          result: await context.fetch(path, { headers: { accept: 'application/json' } }),
        })),
      )
      const probed = answers.map(({ path, result }) => ({
        path,
        status: result.status,
        ttfbMs: Math.round(result.ttfbMs),
      }))
      const data = { kind: 'health' as const, paths: probed }
      // A protected preview is reported as protected, never as "no endpoint".
      const noEndpoint = !answers.some(
        ({ result }) => isJson(result.headers.get('content-type')) || protectedMessage(result),
      )
      if (mode === 'default' && noEndpoint) {
        const seen = probed.map((p) => `${p.path} answered ${p.status}`).join(', ')
        return {
          status: 'skip',
          message: `no health endpoint (${seen}, not JSON): set health.paths to check one, or health: false`,
          data,
        }
      }
      const outcomes = answers.map(({ path, result }) => judge(path, result))
      const worst =
        outcomes.find((o) => o.status === 'fail') ?? outcomes.find((o) => o.status === 'warn') ?? outcomes[0]!
      return {
        ...worst,
        details: outcomes.map((o) => o.message),
        metrics: Object.assign({}, ...outcomes.map((o) => o.metrics)),
        data,
      }

      function judge(path: string, result: HttpResult): CheckOutcome {
        const ttfb = Math.round(result.ttfbMs)
        const metrics = { [`ttfbMs ${path}`]: ttfb, [`status ${path}`]: result.status }
        const locked = protectedMessage(result)
        if (locked) return { status: 'fail', message: `${path}: ${locked}`, metrics }
        if (result.status < 200 || result.status >= 300)
          return { status: 'fail', message: `${path} answered ${result.status}`, metrics }
        const type = result.headers.get('content-type') ?? ''
        if (type.includes('text/html')) {
          return {
            status: 'fail',
            message: `${path} answered ${result.status} with HTML: that is the SPA fallback, not a health endpoint — is ${path} deployed?`,
            metrics,
          }
        }
        if (!isJson(type))
          return {
            status: 'fail',
            message: `${path} answered with ${type || 'no content type'}, not JSON`,
            metrics,
          }
        let body: unknown
        try {
          body = JSON.parse(result.body.toString('utf8'))
        } catch {
          return { status: 'fail', message: `${path} answered invalid JSON`, metrics }
        }
        for (const [field, expected] of Object.entries(options.expect ?? {})) {
          const actual = (body as Record<string, unknown> | null)?.[field]
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            return {
              status: 'fail',
              message: `${path}: ${field} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
              metrics,
            }
          }
        }
        if (ttfb > budget)
          return {
            status: 'warn',
            message: `${path} is healthy but slow: TTFB ${ttfb} ms, over the ${budget} ms budget`,
            metrics,
          }
        return { status: 'pass', message: `${path} healthy (${result.status}, TTFB ${ttfb} ms)`, metrics }
      }
    },
  }
}

function isJson(contentType: string | null): boolean {
  return /\bjson\b/i.test(contentType ?? '')
}
