import type { IncomingMessage, ServerResponse } from 'node:http'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onlyChecks } from './only-checks.js'
import { startServer } from './server.js'

const KEY = 'sb_publishable_test_2f9c1d7e'
const JWT_KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl'
let paused = false
let supabase: Awaited<ReturnType<typeof startServer>>
const app = { close: async () => {}, url: '' }

// Behaves as FIELD-NOTES §6 documents Supabase's endpoints.
function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x')
  if (paused) return reply(res, 540, { message: 'Project paused' })
  const keyOk = req.headers.apikey === KEY || req.headers.apikey === JWT_KEY
  if (url.pathname === '/auth/v1/health')
    return keyOk
      ? reply(res, 200, { version: 'v2.170.0', name: 'GoTrue' })
      : reply(res, 401, { message: 'Invalid API key' })
  if (url.pathname === '/storage/v1/status') return reply(res, 200, { status: 'ok' })
  if (url.pathname.startsWith('/rest/v1/')) {
    if (!keyOk) return reply(res, 401, { message: 'Invalid API key' })
    const table = url.pathname.slice('/rest/v1/'.length)
    if (table === 'notes') return reply(res, 200, [{ id: 1 }])
    if (table === 'secrets')
      return reply(res, 401, { code: '42501', message: 'permission denied for table secrets' })
    return reply(res, 404, {
      code: 'PGRST205',
      message: `Could not find the table 'public.${table}' in the schema cache`,
    })
  }
  const fn = url.pathname.replace('/functions/v1/', '')
  const functions: Record<string, () => void> = {
    hello: () => reply(res, 200, { message: 'hi' }),
    private: () => reply(res, 401, { msg: 'Invalid JWT' }),
    crash: () => reply(res, 500, { error: 'boom' }, { 'sb-error-code': 'EDGE_FUNCTION_ERROR' }),
    boot: () => reply(res, 503, { error: 'boot' }, { 'sb-error-code': 'BOOT_ERROR' }),
    heavy: () => reply(res, 546, { error: 'limit' }, { 'sb-error-code': 'WORKER_LIMIT' }),
  }
  return (functions[fn] ?? (() => reply(res, 404, { message: 'Function not found' })))()
}

beforeAll(async () => {
  supabase = await startServer({ '*': handle })
})
afterAll(async () => {
  await supabase.close()
  await app.close()
})

const base = {
  url: 'http://127.0.0.1:9',
  timeoutMs: 3_000,
  retries: 0,
  ...onlyChecks(),
}

async function check(config: object, env: NodeJS.ProcessEnv = { SUPABASE_ANON_KEY: KEY }) {
  const record = await verifyDeployment({ ...base, ...config }, { env })
  return record
}

describe('Supabase', () => {
  it('passes auth, a table read and storage; a publishable key goes only as apikey', async () => {
    const record = await check({ supabase: { url: supabase.url, table: 'notes' } })
    expect(record.checks[0]).toMatchObject({ id: 'supabase', status: 'pass' })
    const auth = supabase.seen.find((r) => r.path === '/auth/v1/health')!
    expect(auth.headers.apikey).toBe(KEY)
    expect(auth.headers.authorization).toBeUndefined()
  })

  it('sends a legacy JWT key as bearer too', async () => {
    await check({ supabase: { url: supabase.url } }, { SUPABASE_ANON_KEY: JWT_KEY })
    expect(supabase.seen.at(-1)!.headers.authorization).toBe(`Bearer ${JWT_KEY}`)
  })

  it('classifies each failure: bad key, missing table, RLS, paused, network — without the key', async () => {
    const bad = await check(
      { supabase: { url: supabase.url } },
      { SUPABASE_ANON_KEY: 'sb_publishable_wrong_key' },
    )
    expect(bad.checks[0]!.message).toBe('auth: bad or missing key (401)')
    expect((await check({ supabase: { url: supabase.url, table: 'nope' } })).checks[0]!.message).toBe(
      'data: table missing (404)',
    )
    expect((await check({ supabase: { url: supabase.url, table: 'secrets' } })).checks[0]!.message).toBe(
      'data: blocked by RLS or grants (401)',
    )
    paused = true
    try {
      expect((await check({ supabase: { url: supabase.url } })).checks[0]!.message).toMatch(
        /^auth: project paused/,
      )
    } finally {
      paused = false
    }
    // A port that was just free: nothing listens there.
    const gone = await startServer({})
    await gone.close()
    const down = await check({ supabase: { url: gone.url } })
    expect(down.checks[0]!.message).toMatch(/^auth: network: connection refused/)
    expect(JSON.stringify([bad, down])).not.toContain(KEY)
    expect((await check({ supabase: { url: supabase.url } }, {})).checks[0]!.message).toBe(
      'missing key: set SUPABASE_ANON_KEY',
    )
  })
})

describe('edge functions', () => {
  it('passes functions that answer as expected and classifies the rest by status and sb-error-code', async () => {
    const ok = await check(
      { supabase: false, functions: [{ name: 'hello', expect: { message: 'hi' } }] },
      { SUPABASE_ANON_KEY: KEY, SUPABASE_URL: supabase.url },
    )
    expect(ok.checks[0]).toMatchObject({ id: 'functions', status: 'pass' })
    const bad = await check(
      {
        supabase: false,
        functions: ['missing', 'private', 'crash', 'boot', 'heavy'].map((name) => ({ name })),
      },
      { SUPABASE_ANON_KEY: KEY, SUPABASE_URL: supabase.url },
    )
    const details = bad.checks[0]!.details
    expect(details[0]).toMatch(/^missing: not deployed \(404\)/)
    expect(details[1]).toMatch(/^private: JWT gate/)
    expect(details[2]).toMatch(/^crash: crashed: uncaught error in the function \(500, EDGE_FUNCTION_ERROR\)/)
    expect(details[3]).toMatch(/^boot: boot error: the function failed to start \(503, BOOT_ERROR\)/)
    expect(details[4]).toMatch(/^heavy: worker limit: out of memory or CPU time \(546, WORKER_LIMIT\)/)
  })
})
