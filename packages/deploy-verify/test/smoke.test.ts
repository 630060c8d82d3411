import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { browserSmokeCheck, findChromium } from '../src/checks/browser-smoke.js'
import type { CheckContext } from '../src/runner/check.js'
import { type Handler, startServer } from './server.js'

const cwd = mkdtempSync(join(tmpdir(), 'shipwatch-smoke-'))
const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
afterAll(() => rmSync(cwd, { recursive: true, force: true }))

const html =
  (body: string, head = ''): Handler =>
  (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Smoke</title>${head}</head><body>${body}</body></html>`,
    )
  }
const js =
  (code: string): Handler =>
  (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript' })
    res.end(code)
  }

async function smoke(routes: Record<string, Handler>, smokeOptions = {}, env: NodeJS.ProcessEnv = {}) {
  const server = await startServer(routes)
  servers.push(server)
  const record = await verifyDeployment(
    {
      url: server.url,
      retries: 0,
      health: false,
      identity: false,
      bundle: false,
      html: false,
      smoke: smokeOptions,
      security: false,
    },
    { cwd, env },
  )
  return { check: record.checks.find((c) => c.id === 'smoke')!, server }
}

describe('browser smoke (real Chromium)', () => {
  it('passes a clean page, measures vitals and keeps a screenshot', async () => {
    const { check } = await smoke(
      {
        '/': html('<h1 id="title">Hello</h1><script src="/app.js"></script>'),
        '/app.js': js('document.title = "ready"'),
      },
      { pages: [{ path: '/', selector: '#title', text: 'Hello' }] },
    )
    expect(check.status).toBe('pass')
    expect(typeof check.metrics['fcpMs /']).toBe('number')
    expect(typeof check.metrics['ttfbMs /']).toBe('number')
    expect(typeof check.metrics['cls /']).toBe('number')
    expect(existsSync(join(cwd, 'test-artifacts/build-metrics/screenshots/index.png'))).toBe(true)
  })

  it('fails a console error, an uncaught exception, a missing script, a missing selector — each with its reason', async () => {
    expect(
      (await smoke({ '/': html('<script>console.error("broken widget")</script>') })).check.message,
    ).toBe('/: console error: broken widget')
    expect((await smoke({ '/': html('<script>throw new Error("kaboom")</script>') })).check.message).toMatch(
      /^\/: uncaught exception: kaboom/,
    )
    const missing = await smoke({ '/': html('<script src="/missing.js"></script>') })
    expect(missing.check.details).toContain('/: request failed: /missing.js (404)')
    const selector = await smoke(
      { '/': html('<p>no app here</p>') },
      { pages: [{ path: '/', selector: '#app' }] },
    )
    expect(selector.check.message).toBe('/: expected selector #app is not visible')
  })

  it('sends the bypass secret only to the deployment’s own origin', async () => {
    const other = await startServer({ '*': js('') })
    servers.push(other)
    const { server } = await smoke(
      { '/': html(`<script src="${other.url}/external.js"></script>`) },
      {},
      { VERCEL_AUTOMATION_BYPASS_SECRET: 'bypass-9c2e4f10' },
    )
    expect(server.seen[0]!.headers['x-vercel-protection-bypass']).toBe('bypass-9c2e4f10')
    expect(other.seen.length).toBe(1)
    expect(other.seen[0]!.headers['x-vercel-protection-bypass']).toBeUndefined()
  })

  it('finds Chromium from the option, CHROME_PATH or the system, never replacing a configured path', () => {
    expect(findChromium({ CHROME_PATH: '/usr/bin/chromium' })).toBe('/usr/bin/chromium')
    expect(findChromium({}, '/usr/bin/chromium')).toBe('/usr/bin/chromium')
    expect(findChromium({ CHROME_PATH: '/usr/bin/chromium' }, '/nope/chromium')).toBeNull()
  })

  it('without the Chromium it needs: fails when asked for, skips when on by default; both say how to install it', async () => {
    const message = 'no Chromium found at /nope/chromium: apt-get install chromium (or set CHROME_PATH)'
    const { check } = await smoke({ '/': html('<p>x</p>') }, { chromePath: '/nope/chromium' })
    expect(check).toMatchObject({ status: 'fail', message })
    const limits = { timeoutMs: 1_000, retries: 0 }
    const defaulted = browserSmokeCheck(
      { chromePath: '/nope/chromium' },
      {},
      cwd,
      undefined,
      limits,
      'default',
    )
    // It answers before it touches the deployment: no context is needed.
    expect(await defaulted.run({} as CheckContext)).toEqual({ status: 'skip', message })
  })
})
