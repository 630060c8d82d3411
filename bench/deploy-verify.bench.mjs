// deploy-verify against a local deployment of the example app (served from dist/ on 127.0.0.1 with a health
// endpoint): time per check and the total. Concurrency works when the total is close to the slowest check.
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { median, ms, printTable } from './lib/measure.mjs'

const dist = fileURLToPath(new URL('../examples/vite-app/dist/', import.meta.url))
const TYPES = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  txt: 'text/plain',
}

function serve() {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/api/health') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end('{"status":"ok"}')
    }
    const file = join(dist, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404)
      return res.end()
    }
    const body = readFileSync(file)
    const gzip = String(req.headers['accept-encoding'] ?? '').includes('gzip')
    res.writeHead(200, {
      'content-type': TYPES[file.split('.').pop()] ?? 'application/octet-stream',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    })
    res.end(gzip ? gzipSync(body) : body)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

export default async function deployVerifyBench() {
  if (!existsSync(join(dist, 'build-info.json')))
    throw new Error('build examples/vite-app first (pnpm build does)')
  const server = await serve()
  const url = `http://127.0.0.1:${server.address().port}`
  const commit = JSON.parse(readFileSync(join(dist, 'build-info.json'), 'utf8')).commitSha
  const config = {
    url,
    commit,
    retries: 0,
    pages: ['/', '/about.html'],
    health: { expect: { status: 'ok' } },
  }
  await verifyDeployment(config, { env: {} }) // warm: loads html-validate once
  const runs = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    const record = await verifyDeployment(config, { env: {} })
    runs.push({ total: performance.now() - start, checks: record.checks, status: record.status })
  }
  server.close()
  const ids = runs[0].checks.map((c) => c.id)
  const rows = [['check', 'status', 'median']]
  for (const id of ids) {
    const values = runs.map((r) => r.checks.find((c) => c.id === id).durationMs)
    rows.push([
      runs[0].checks.find((c) => c.id === id).title,
      runs.at(-1).checks.find((c) => c.id === id).status,
      ms(median(values)),
    ])
  }
  const slowest = Math.max(
    ...ids.map((id) => median(runs.map((r) => r.checks.find((c) => c.id === id).durationMs))),
  )
  const total = median(runs.map((r) => r.total))
  rows.push(['total (wall)', runs.at(-1).status, ms(total)])
  printTable(
    'deploy-verify against the local example deployment (median of 5, html-validate already loaded)',
    rows,
    `Slowest check ${ms(slowest)}; total ${ms(total)} (${(total / slowest).toFixed(2)}× the slowest — checks run concurrently). Bar: well under 2 s.`,
  )
}
