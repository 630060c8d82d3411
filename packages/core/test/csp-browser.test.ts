import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cspReport } from '@shipwatch/core/html'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test-support/chromium.js'

const ALLOWED = "document.title = 'allowed script ran'"
const CHANGED = 'window.changedScriptRan = true'
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>csp</title>
<script>${ALLOWED}</script></head><body><script>${CHANGED}</script></body></html>`

let browser: Browser
let server: Server
let origin = ''

beforeAll(async () => {
  // Allow only the first inline script, by the hash our report gives for it.
  const hash = cspReport(page.replace(`<script>${CHANGED}</script>`, '')).report.scriptHashes[0]!
  server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `script-src ${hash}`,
    })
    res.end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

describe('CSP hashes in a real browser', () => {
  it('the hash we report lets that inline script run, and a changed script stays blocked', async () => {
    const tab = await browser.newPage()
    const violations: string[] = []
    tab.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await tab.goto(origin)
    expect(await tab.title()).toBe('allowed script ran')
    expect(
      await tab.evaluate(() => (globalThis as { changedScriptRan?: boolean }).changedScriptRan),
    ).toBeUndefined()
    expect(violations.length).toBeGreaterThanOrEqual(1)
    await tab.close()
  })
})
