import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { afterAll, describe, expect, it } from 'vitest'
import { onlyChecks } from './only-checks.js'
import { startServer } from './server.js'

const cleanup: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const step of cleanup.splice(0)) await step()
})

/** Writes to the response until the client goes away, counting what the socket accepted. */
function endless(counter: { bytes: number }, type = 'image/png', start = '') {
  return (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': type })
    res.write(start)
    const chunk = Buffer.alloc(64 * 1024, 1)
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) counter.bytes += chunk.length
      if (!res.destroyed) res.once('drain', pump)
    }
    res.on('close', () => res.removeAllListeners('drain'))
    pump()
  }
}

describe('bounded in time and memory', () => {
  it('a page of 20 endless images is checked by status: the server sends a few MB, not 20 × 50 MB', async () => {
    const sent = { bytes: 0 }
    const images = Array.from({ length: 20 }, (_, i) => `<img src="/img/${i}.png" alt="">`).join('')
    const site = await startServer({
      '/': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><html lang="en"><head><title>x</title></head><body>${images}</body></html>`),
      '*': endless(sent),
    })
    cleanup.push(() => site.close())
    const record = await verifyDeployment(
      { url: site.url, timeoutMs: 5_000, retries: 0, ...onlyChecks('html') },
      { env: {} },
    )
    const html = record.checks.find((c) => c.id === 'html')!
    expect(html.status).toBe('pass')
    expect(site.seen.filter((r) => r.path.startsWith('/img/'))).toHaveLength(20)
    // Each cancelled response stops at what the socket buffers took; before, each was read to 50 MB.
    expect(sent.bytes).toBeLessThan(20 * 2_000_000)
  })

  it('a page that never ends is not opened in the browser', async () => {
    const site = await startServer({
      '/': endless(
        { bytes: 0 },
        'text/html',
        '<!doctype html><html lang="en"><head><title>x</title></head><body>',
      ),
    })
    cleanup.push(() => site.close())
    const cwd = mkdtempSync(join(tmpdir(), 'shipwatch-smoke-'))
    cleanup.push(() => rmSync(cwd, { recursive: true, force: true }))
    const record = await verifyDeployment(
      { url: site.url, timeoutMs: 5_000, retries: 0, ...onlyChecks('smoke') },
      { env: {}, cwd },
    )
    const smoke = record.checks.find((c) => c.id === 'smoke')!
    expect(smoke.status).toBe('fail')
    expect(smoke.message).toBe('/: / sends more than 5 MB of HTML: not opened in the browser')
  })

  it('a Postgres that never answers fails the check at its timeout, and the process exits right after', async () => {
    // Accepts the connection and says nothing, like a server behind a dead proxy.
    const sockets = new Set<Socket>()
    const silent = createServer((socket) => sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy()
          silent.close(() => resolve())
        }),
    )
    const site = await startServer({})
    cleanup.push(() => site.close())
    const dir = mkdtempSync(join(tmpdir(), 'shipwatch-hang-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    mkdirSync(join(dir, 'supabase/migrations'), { recursive: true })
    writeFileSync(join(dir, 'supabase/migrations/20260101000000_init.sql'), 'select 1;')
    writeFileSync(join(dir, 'deploy-verify.config.json'), JSON.stringify({ ...onlyChecks(), health: false }))
    const root = fileURLToPath(new URL('../../..', import.meta.url))
    const port = (silent.address() as { port: number }).port
    const started = performance.now()
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href,
        join(root, 'packages/deploy-verify/src/cli/bin.ts'),
        site.url,
        '--timeout',
        '2000',
        '--retries',
        '0',
        '--no-record',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          TSX_TSCONFIG_PATH: join(root, 'tsconfig.test.json'),
          SUPABASE_DB_URL: `postgres://u:p@127.0.0.1:${port}/postgres`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const seconds = (performance.now() - started) / 1000
    expect(code).toBe(1)
    expect(stdout).toMatch(/✗ Migrations/)
    // Timeout 2 s, plus process start; before, the open connection kept it alive 7–11 s longer.
    expect(seconds).toBeLessThan(6)
  }, 30_000)
})
