import { verifyDeployment } from '@shipwatch/deploy-verify'
import { afterEach, describe, expect, it } from 'vitest'
import { onlyChecks } from './only-checks.js'
import { type Handler, startServer } from './server.js'

const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const PAGE =
  '<!doctype html><html lang="en"><head><title>x</title><script type="module" src="/app.js"></script></head><body>x</body></html>'
const STRONG = {
  'content-security-policy': "default-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

/** A deployment whose document answers after `delayMs`, with these security headers. */
async function site(delayMs: number, headers: Record<string, string> = STRONG) {
  const routes: Record<string, Handler> = {
    '/': (_q, s) =>
      setTimeout(() => s.writeHead(200, { 'content-type': 'text/html', ...headers }).end(PAGE), delayMs),
    '/app.js': (_q, s) => s.writeHead(200, { 'content-type': 'text/javascript' }).end('console.log(1)'),
  }
  const server = await startServer(routes)
  servers.push(server)
  return server
}

async function compare(candidate: string, production: string, runs = 7) {
  const record = await verifyDeployment(
    {
      url: candidate,
      ...onlyChecks(),
      supabase: false,
      migrations: false,
      compare: { url: production, runs },
    },
    { env: {} },
  )
  return record.checks.find((c) => c.id === 'compare')!
}

describe('--compare: the candidate against production', () => {
  it('fails a candidate 150 ms slower, with both medians and the noise bound', async () => {
    const production = await site(5)
    const candidate = await site(150)
    const check = await compare(candidate.url, production.url)
    expect(check.status).toBe('fail')
    expect(check.message).toMatch(
      /^worse than production: \/ ttfb \+\d+ % \(\d+ ms vs \d+ ms, noise ±\d+ ms\)/,
    )
    expect(check.data?.kind).toBe('compare')
    if (check.data?.kind !== 'compare') return
    const ttfb = check.data.metrics.find((m) => m.metric === 'ttfb')!
    expect(ttfb.candidateMs - ttfb.productionMs).toBeGreaterThan(100)
    expect(ttfb.slower).toBe(true)
    // Interleaved: both were asked for the page `runs` times, each round in turn.
    expect(candidate.seen.filter((r) => r.path === '/').length).toBeGreaterThanOrEqual(7)
    expect(production.seen.filter((r) => r.path === '/').length).toBeGreaterThanOrEqual(7)
    expect(check.data.runs).toBe(7)
  })

  it('passes two equally fast deployments: a difference inside the noise is no regression', async () => {
    const check = await compare((await site(100)).url, (await site(100)).url, 5)
    expect(check.status).toBe('pass')
    expect(check.message).toMatch(
      /^not slower than production beyond \+20 % and the noise \(5 interleaved runs\), grade /,
    )
  })

  it('fails a candidate that grades lower than production', async () => {
    const check = await compare((await site(5, {})).url, (await site(5)).url, 3)
    expect(check.status).toBe('fail')
    expect(check.message).toMatch(/security grade F, production has C\+/)
    expect(check.data).toMatchObject({ candidateGrade: 'F', productionGrade: 'C+' })
  })
})
