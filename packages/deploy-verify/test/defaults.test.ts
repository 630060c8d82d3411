import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { type Handler, startServer } from './server.js'

const cwd = mkdtempSync(join(tmpdir(), 'shipwatch-deploy-defaults-'))
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

const HEADERS = {
  'content-security-policy': "default-src 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}
const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script type="module" src="/assets/app.js"></script></head><body><main id="app">Shop</main></body></html>'

// A plain static site: one page and its script, no health endpoint, no build-info, no Supabase, nothing configured.
const STATIC_SITE: Record<string, Handler> = {
  '/': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...HEADERS }).end(PAGE),
  '/assets/app.js': (_q, s) =>
    s.writeHead(200, { 'content-type': 'text/javascript' }).end('document.title = "Shop"'),
  '*': (_q, s) => s.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
}

describe('a static site with no configuration at all', () => {
  it('passes what it can and skips the rest, each with its reason; exit 0', async () => {
    const site = await startServer(STATIC_SITE)
    let stdout = ''
    let stderr = ''
    try {
      const code = await run({
        argv: [site.url, '--json', '--no-record'],
        cwd,
        env: { VERCEL_GIT_COMMIT_SHA: 'd'.repeat(40), PATH: process.env.PATH },
        stdout: { write: (c: string) => (stdout += c) },
        stderr: { write: (c: string) => (stderr += c) },
      })
      expect(stderr).toBe('')
      expect(code).toBe(0)
    } finally {
      await site.close()
    }
    const record = JSON.parse(stdout)
    const byId = Object.fromEntries(
      record.checks.map((c: { id: string; status: string; message: string }) => [
        c.id,
        `${c.status}: ${c.message}`,
      ]),
    )
    expect(byId).toEqual({
      health:
        'skip: no health endpoint (/api/health answered 404, not JSON): set health.paths to check one, or health: false',
      identity:
        'skip: no /build-info.json (answered 404): build with buildMetrics({ buildInfo: true }) to prove the live URL serves this build',
      security: expect.stringMatching(
        /^warn: grade C\+ .* over plain http, below the minimum B; .* the headers earn A/,
      ),
      bundle: expect.stringMatching(/^pass: within budgets/),
      html: 'pass: 1 page(s) valid',
      smoke: 'pass: 1 page(s) load cleanly',
      supabase: 'skip: not configured: set SUPABASE_URL (and SUPABASE_ANON_KEY) or supabase: { url }',
      migrations: 'skip: no supabase/migrations folder: nothing to compare with the database',
    })
    expect(record.status).toBe('pass')
    // Every check says how its first try went, so a flaky one shows.
    expect(record.checks.every((c: { firstStatus?: string }) => c.firstStatus !== undefined)).toBe(true)
    // Figures are fields: the grade, the served bytes, the page's vitals.
    const data = Object.fromEntries(record.checks.map((c: { id: string; data?: unknown }) => [c.id, c.data]))
    expect(data.security).toMatchObject({ kind: 'security', grade: 'C+', minGrade: 'B', https: false })
    expect(data.bundle.pages[0]).toMatchObject({ path: '/', transferredBytes: expect.any(Number) })
    expect(data.bundle.budgets[0]).toMatchObject({ status: 'pass', limit: 500_000 })
    expect(data.smoke.pages[0]).toMatchObject({ path: '/', ttfbMs: expect.any(Number), cls: 0 })
  })
})
