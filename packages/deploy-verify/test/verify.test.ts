import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { afterEach, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { onlyChecks } from './only-checks.js'
import { type Handler, json, sha, startServer } from './server.js'

const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function serve(routes: Record<string, Handler>) {
  const server = await startServer(routes)
  servers.push(server)
  return server
}
const COMMIT = 'c'.repeat(40)
const fast = {
  timeoutMs: 2_000,
  retries: 0,
  identity: false as const,
  bundle: false as const,
  html: false as const,
}

async function health(routes: Record<string, Handler>, extra = {}) {
  const { url } = await serve(routes)
  // Only the health check: the time bounds below are its own, not Chromium's start-up on a busy machine.
  const record = await verifyDeployment({ url, ...fast, ...onlyChecks('health'), ...extra }, { env: {} })
  return record.checks.find((c) => c.id === 'health')!
}

describe('health', () => {
  it('passes a healthy JSON endpoint with the expected fields', async () => {
    const check = await health(
      { '/api/health': json({ status: 'ok' }) },
      { health: { expect: { status: 'ok' } } },
    )
    expect(check.status).toBe('pass')
    expect(check.metrics['ttfbMs /api/health']).toBeGreaterThanOrEqual(0)
  })

  it('names the SPA fallback for what it is when the check is asked for, and skips by default', async () => {
    const spa: Record<string, Handler> = {
      '*': (_q, s) =>
        s.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><div id=app></div>'),
    }
    const asked = await health(spa, { health: true })
    expect(asked.status).toBe('fail')
    expect(asked.message).toMatch(/with HTML: that is the SPA fallback, not a health endpoint/)
    const defaulted = await health(spa)
    expect(defaulted.status).toBe('skip')
    expect(defaulted.message).toBe(
      'no health endpoint (/api/health answered 200, not JSON): set health.paths to check one, or health: false',
    )
  })

  it('warns when slow, fails on 500 and on the wrong JSON', async () => {
    const slow = await health({
      '/api/health': (_q, s) => setTimeout(() => json({ status: 'ok' })(_q, s), 300),
    })
    expect(slow.status).toBe('warn')
    expect(slow.message).toMatch(/slow: TTFB \d+ ms, over the 200 ms budget/)
    expect((await health({ '/api/health': json({ error: 'db down' }, 500) })).message).toBe(
      '/api/health answered 500',
    )
    const wrong = await health(
      { '/api/health': json({ status: 'degraded' }) },
      { health: { expect: { status: 'ok' } } },
    )
    expect(wrong.message).toBe('/api/health: status is "degraded", expected "ok"')
    const invalid = await health({
      '/api/health': (_q, s) => s.writeHead(200, { 'content-type': 'application/json' }).end('{nope'),
    })
    expect(invalid.message).toBe('/api/health answered invalid JSON')
  })

  it('reports a protected preview as protected, not down', async () => {
    expect((await health({ '*': (_q, s) => s.writeHead(401).end() })).message).toMatch(
      /protected: .* set the bypass secret/,
    )
    const sso = await health({
      '*': (_q, s) => s.writeHead(302, { location: 'https://vercel.com/sso-api?url=x' }).end(),
    })
    expect(sso.message).toMatch(/protected/)
  })
})

describe('faults end as clear failures within their timeout', () => {
  const cases: [string, Handler, RegExp][] = [
    ['a server that hangs', () => {}, /no result within 800 ms \(timeout\)|no answer before the timeout/],
    ['a connection reset', (req) => req.socket.destroy(), /connection reset|socket|closed/i],
    ['a redirect loop', (_q, s) => s.writeHead(302, { location: '/api/health' }).end(), /redirect loop/],
    [
      'a 10 MB stream',
      (_q, s) => {
        s.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 32)
        let sent = 0
        const push = () => {
          while (sent < 10_000_000 && s.write(chunk)) sent += chunk.length
          if (sent < 10_000_000) s.once('drain', push)
          else s.end()
        }
        push()
      },
      /sent more than 1000000 bytes/,
    ],
  ]
  for (const [name, handler, message] of cases) {
    it(name, async () => {
      const start = Date.now()
      const check = await health({ '/api/health': handler }, { timeoutMs: 800 })
      expect(check.status).toBe('fail')
      expect(check.message).toMatch(message)
      expect(Date.now() - start).toBeLessThan(3_000)
    })
  }
})

describe('retries', () => {
  it('shows a flaky endpoint as first-try fail, eventual pass', async () => {
    let calls = 0
    const { url } = await serve({
      '/api/health': (q, s) => (++calls === 1 ? json({}, 503)(q, s) : json({ status: 'ok' })(q, s)),
    })
    const record = await verifyDeployment({ url, ...fast, ...onlyChecks('health'), retries: 2 }, { env: {} })
    expect(record.checks[0]).toMatchObject({ status: 'pass', firstStatus: 'fail', attempts: 2 })
  })
})

describe('build identity', () => {
  const files = { 'index.html': '<!doctype html><title>x</title>', 'assets/app.js': 'console.log(1)' }
  const info = (commit: string, tamper = false) => ({
    '/build-info.json': json({
      commitSha: commit,
      files: Object.entries(files).map(([fileName, content]) => ({ fileName, sha256: sha(content) })),
    }),
    '/index.html': (_q: unknown, s: import('node:http').ServerResponse) =>
      s.writeHead(200).end(files['index.html']),
    '/assets/app.js': (_q: unknown, s: import('node:http').ServerResponse) =>
      s.writeHead(200).end(tamper ? 'console.log(2)' : files['assets/app.js']),
    '/api/health': json({ status: 'ok' }),
  })

  it('passes when the live URL serves the expected commit and its files', async () => {
    const { url } = await serve(info(COMMIT))
    const record = await verifyDeployment(
      {
        url,
        commit: COMMIT,
        timeoutMs: 3_000,
        retries: 0,
        ...onlyChecks('health', 'identity'),
      },
      { env: {} },
    )
    expect(record.checks.find((c) => c.id === 'identity')).toMatchObject({ status: 'pass' })
    expect(record.servedSha).toBe(COMMIT)
    expect(record.status).toBe('pass')
  })

  it('fails an older build, naming both commits', async () => {
    const { url } = await serve(info('a'.repeat(40)))
    const record = await verifyDeployment(
      { url, commit: COMMIT, timeoutMs: 3_000, retries: 0, identity: { waitMs: 600 } },
      { env: {} },
    )
    expect(record.checks.find((c) => c.id === 'identity')!.message).toBe(
      'serves commit aaaaaaa, expected ccccccc: the deployment serves an older (or other) build',
    )
    expect(record.servedSha).toBe('a'.repeat(40))
  })

  it('fails when a served file differs from the build', async () => {
    const { url } = await serve(info(COMMIT, true))
    const record = await verifyDeployment(
      {
        url,
        commit: COMMIT,
        timeoutMs: 3_000,
        retries: 0,
        ...onlyChecks('health', 'identity'),
      },
      { env: {} },
    )
    const identity = record.checks.find((c) => c.id === 'identity')!
    expect(identity.status).toBe('fail')
    expect(identity.details).toEqual(['assets/app.js (different content)'])
  })
})

describe('secrets', () => {
  const SECRET = 'bypass-secret-7f3c9a1e'

  it('sends the bypass secret only to the deployment’s own origin', async () => {
    const other = await serve({ '*': json({ status: 'ok' }) })
    const own = await serve({
      '/api/health': (_q, s) => s.writeHead(302, { location: `${other.url}/api/health` }).end(),
    })
    await verifyDeployment({ url: own.url, ...fast }, { env: { VERCEL_AUTOMATION_BYPASS_SECRET: SECRET } })
    expect(own.seen[0]!.headers['x-vercel-protection-bypass']).toBe(SECRET)
    expect(other.seen.length).toBeGreaterThan(0)
    expect(other.seen.every((r) => r.headers['x-vercel-protection-bypass'] === undefined)).toBe(true)
  })

  it('never appears in output, JSON, Markdown, JUnit or the record', async () => {
    // A server that echoes the secret back in its error must not leak it through our messages.
    const { url } = await serve({
      '/api/health': (q, s) => json({ status: `bad ${q.headers['x-vercel-protection-bypass']}` })(q, s),
    })
    const dir = mkdtempSync(join(tmpdir(), 'shipwatch-deploy-'))
    writeFileSync(
      join(dir, 'deploy-verify.config.json'),
      JSON.stringify({ health: { expect: { status: 'ok' } } }),
    )
    let stdout = ''
    let stderr = ''
    const summary = join(dir, 'summary.md')
    const code = await run({
      argv: [
        url,
        '--retries',
        '0',
        '--junit',
        'out/junit.xml',
        '--markdown',
        'out/summary.md',
        '--json',
        '-c',
        'none.json',
      ],
      cwd: dir,
      env: { VERCEL_AUTOMATION_BYPASS_SECRET: SECRET, GITHUB_STEP_SUMMARY: summary },
      stdout: { write: (c: string) => (stdout += c) },
      stderr: { write: (c: string) => (stderr += c) },
    }).catch(() => -1)
    expect(code).toBe(2) // none.json does not exist
    const ok = await run({
      argv: [url, '--retries', '0', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md', '--json'],
      cwd: dir,
      env: { VERCEL_AUTOMATION_BYPASS_SECRET: SECRET, GITHUB_STEP_SUMMARY: summary },
      stdout: { write: (c: string) => (stdout += c) },
      stderr: { write: (c: string) => (stderr += c) },
    })
    expect(ok).toBe(1)
    const everything = [
      stdout,
      stderr,
      readFileSync(join(dir, 'out/junit.xml'), 'utf8'),
      readFileSync(join(dir, 'out/summary.md'), 'utf8'),
      readFileSync(summary, 'utf8'),
      readFileSync(join(dir, 'test-artifacts/build-metrics/history.jsonl'), 'utf8'),
    ].join('\n')
    expect(everything).toContain('[redacted]')
    expect(everything).not.toContain(SECRET)
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('CLI', () => {
  it('exits 0 when everything passes, 2 on a bad URL', async () => {
    const { url } = await serve({ '/api/health': json({ status: 'ok' }) })
    const io = (argv: string[]) => {
      let out = ''
      const cwd = mkdtempSync(join(tmpdir(), 'shipwatch-deploy-cli-'))
      servers.push({ close: async () => rmSync(cwd, { recursive: true, force: true }) })
      writeFileSync(join(cwd, 'deploy-verify.config.json'), JSON.stringify(onlyChecks('health', 'identity')))
      return {
        argv,
        cwd,
        env: {},
        stdout: { write: (c: string) => (out += c) },
        stderr: { write: (c: string) => (out += c) },
        get out() {
          return out
        },
      }
    }
    const good = io([url, '--no-record'])
    expect(await run({ ...good, argv: [url, '--no-record', '-c', 'x.json'] })).toBe(2)
    const pass = io([url, '--no-record'])
    // identity is skipped without an expected commit outside git; health passes.
    expect(await run(pass)).toBe(0)
    expect(pass.out).toMatch(/✓ Health +\/api\/health healthy/)
    const bad = io(['not a url'])
    expect(await run(bad)).toBe(2)
    expect(bad.out).toBe(
      'deploy-verify: url must be an http(s) URL, e.g. https://my-app.vercel.app, got "not a url"\n',
    )
  })
})

describe('configuration', () => {
  it('rejects an unknown key, naming the closest known one, before any request', async () => {
    await expect(
      verifyDeployment({ url: 'http://127.0.0.1:9', helth: { paths: ['/x'] } } as never, { env: {} }),
    ).rejects.toThrow(/^unknown option helth \(did you mean health\?\); known: url, commit, health/)
  })
})
