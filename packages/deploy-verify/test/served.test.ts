import { gzipSync } from 'node:zlib'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { afterEach, describe, expect, it } from 'vitest'
import { onlyChecks } from './only-checks.js'
import { type Handler, startServer } from './server.js'

const servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const APP_JS = `console.log(${JSON.stringify('x'.repeat(20_000))})`
const page = (body: string) =>
  `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>Served</title>\n    <script type="module" crossorigin src="/assets/app.js"></script>\n  </head>\n  <body>\n${body}\n  </body>\n</html>\n`

/** Serves gzip when asked, like a CDN. */
const asset =
  (content: string, type: string): Handler =>
  (req, res) => {
    if (String(req.headers['accept-encoding'] ?? '').includes('gzip')) {
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' })
      res.end(gzipSync(content))
    } else {
      res.writeHead(200, { 'content-type': type })
      res.end(content)
    }
  }

async function verify(html: string, extra = {}) {
  const server = await startServer({
    '/': asset(html, 'text/html'),
    '/assets/app.js': asset(APP_JS, 'text/javascript'),
  })
  servers.push(server)
  return verifyDeployment(
    {
      url: server.url,
      timeoutMs: 3_000,
      retries: 0,
      ...onlyChecks('bundle', 'html'),
      ...extra,
    },
    { env: {} },
  )
}

describe('served bundle', () => {
  it('records transferred and decoded bytes and passes the default budget', async () => {
    const record = await verify(page('    <main id="app"></main>'))
    const bundle = record.checks.find((c) => c.id === 'bundle')!
    expect(bundle.status).toBe('pass')
    expect(bundle.metrics['decoded /']).toBe(Buffer.byteLength(APP_JS))
    expect(bundle.metrics['transferred /']).toBe(gzipSync(APP_JS).length)
    expect(bundle.message).toMatch(/within budgets \(\/ [\d.]+ B transferred\)/)
  })

  it('fails the project’s budget rules against what is served', async () => {
    const record = await verify(page('    <main id="app"></main>'), {
      bundle: { budgets: [{ name: 'initial JS', target: 'initial', maxError: '50 B' }] },
    })
    const bundle = record.checks.find((c) => c.id === 'bundle')!
    expect(bundle.status).toBe('fail')
    expect(bundle.message).toMatch(
      /1 budget\(s\) exceeded: initial JS: index\.html is [\d.]+ B gzip, over the maxError of 50 B/,
    )
  })

  it('fails when a page loads a file the deployment does not serve', async () => {
    const record = await verify(
      page('    <main id="app"></main>').replace('/assets/app.js', '/assets/renamed.js'),
    )
    expect(record.checks.find((c) => c.id === 'bundle')!.details).toEqual(['assets/renamed.js (404)'])
  })
})

describe('served HTML', () => {
  it('passes a valid page and fails duplicate ids and missing local files with their rule', async () => {
    expect(
      (await verify(page('    <main id="app"></main>'))).checks.find((c) => c.id === 'html')!.status,
    ).toBe('pass')
    const dup = (await verify(page('    <main id="a"></main>\n    <div id="a"></div>'))).checks.find(
      (c) => c.id === 'html',
    )!
    expect(dup.status).toBe('fail')
    expect(dup.message).toMatch(/index\.html:\d+:\d+ Duplicate ID "a" \(no-dup-id\)/)
    const broken = (await verify(page('    <img src="/logo.png" alt="logo" />'))).checks.find(
      (c) => c.id === 'html',
    )!
    expect(broken.details.join('\n')).toMatch(/logo\.png.*\(shipwatch\/local-reference\)/)
  })
})
