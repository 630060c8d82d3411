import { fetchLimited, HttpError } from '../http/fetch-limited.js'
import type { Check, CheckContext, CheckOutcome } from '../runner/check.js'

export interface SupabaseOptions {
  /** Project URL, e.g. https://abcd.supabase.co. @default env SUPABASE_URL */
  url?: string
  /** Environment variable with the publishable/anon key. @default 'SUPABASE_ANON_KEY' */
  keyEnv?: string
  /** A table to read one row from (exercises gateway, PostgREST and RLS). The `/rest/v1/` root is not used. */
  table?: string
}

/** New keys (sb_publishable_…, sb_secret_…) are not JWTs: they go only in `apikey`. Legacy JWT keys also as bearer. */
export function supabaseHeaders(key: string): Record<string, string> {
  const isJwt = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(key)
  return isJwt ? { apikey: key, authorization: `Bearer ${key}` } : { apikey: key }
}

/** Auth health, a one-row read of a table, and storage status — each failure classified, never printed with the key. */
export function supabaseCheck(
  options: SupabaseOptions,
  env: NodeJS.ProcessEnv,
  limits: { timeoutMs: number; retries: number },
): Check {
  return {
    id: 'supabase',
    title: 'Supabase',
    ...limits,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const base = (options.url ?? env.SUPABASE_URL ?? '').replace(/\/$/, '')
      const key = env[options.keyEnv ?? 'SUPABASE_ANON_KEY']
      if (!base) return { status: 'skip', message: 'no Supabase URL: set supabase.url or SUPABASE_URL' }
      if (!key)
        return { status: 'fail', message: `missing key: set ${options.keyEnv ?? 'SUPABASE_ANON_KEY'}` }
      const get = (path: string) => probe(`${base}${path}`, supabaseHeaders(key), context.signal)
      const probes: [string, string][] = [['auth', '/auth/v1/health']]
      if (options.table)
        probes.push(['data', `/rest/v1/${encodeURIComponent(options.table)}?select=*&limit=1`])
      probes.push(['storage', '/storage/v1/status'])
      const results = await Promise.all(probes.map(async ([name, path]) => ({ name, ...(await get(path)) })))
      const failed = results.filter((r) => !r.ok)
      const metrics = Object.fromEntries(results.map((r) => [`status ${r.name}`, r.status]))
      if (failed.length > 0) {
        return {
          status: 'fail',
          message: failed.map((r) => `${r.name}: ${r.reason}`).join('; '),
          details: results.map((r) => `${r.name}: ${r.ok ? 'ok' : r.reason}`),
          metrics,
        }
      }
      return {
        status: 'pass',
        message: `auth${options.table ? `, table ${options.table}` : ''} and storage answer`,
        metrics,
      }
    },
  }
}

interface ProbeResult {
  ok: boolean
  status: number
  reason: string
}

async function probe(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<ProbeResult> {
  try {
    const result = await fetchLimited(url, { headers, signal })
    const text = result.body.toString('utf8')
    if (result.status >= 200 && result.status < 300) return { ok: true, status: result.status, reason: 'ok' }
    return { ok: false, status: result.status, reason: classify(result.status, text) }
  } catch (error) {
    const message = (error as Error).message
    const reason =
      error instanceof HttpError && message.startsWith(`${url}: `) ? message.slice(url.length + 2) : message
    return { ok: false, status: 0, reason: `network: ${reason}` }
  }
}

/** Supabase's answers, classified so the message says what to fix. */
export function classify(status: number, body: string): string {
  if (/paused/i.test(body) || status === 540)
    return 'project paused: restore it in the Supabase dashboard (free projects pause after about a week idle)'
  // PostgREST's error code says more than the status.
  if (/PGRST205|42P01|relation .* does not exist|Could not find the table/i.test(body))
    return `table missing (${status})`
  if (/42501|permission denied|row-level security/i.test(body)) return `blocked by RLS or grants (${status})`
  if (status === 401 || /invalid api key|no api key/i.test(body)) return 'bad or missing key (401)'
  if (status === 403) return 'forbidden (403)'
  if (status === 404) return 'not found (404)'
  return `answered ${status}`
}
