// A local "deployment" of examples/vite-app on 127.0.0.1: the built dist/ with production security headers,
// /api/health, and stand-ins for the Supabase endpoints (auth, data, storage, one edge function) that behave as
// Supabase documents them. Used by `pnpm demo` and `pnpm bench`.
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, normalize } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'

export const DEMO_SUPABASE_KEY = 'sb_publishable_demo_local_only'

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  txt: 'text/plain',
  png: 'image/png',
}
const SECURITY = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
}

export function startLocalDeployment(dist) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const json = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/api/health') return json(200, { status: 'ok' })
    if (
      url.pathname.startsWith('/auth/v1/') ||
      url.pathname.startsWith('/rest/v1/') ||
      url.pathname.startsWith('/storage/v1/') ||
      url.pathname.startsWith('/functions/v1/')
    ) {
      if (req.headers.apikey !== DEMO_SUPABASE_KEY) return json(401, { message: 'Invalid API key' })
      if (url.pathname === '/auth/v1/health') return json(200, { version: 'v2.170.0', name: 'GoTrue' })
      if (url.pathname === '/storage/v1/status') return json(200, { status: 'ok' })
      if (url.pathname === '/rest/v1/releases') return json(200, [{ version: '1.2.0' }])
      if (url.pathname === '/functions/v1/hello') return json(200, { message: 'Hello ci!' })
      return json(404, { code: 'PGRST205', message: 'Could not find the table in the schema cache' })
    }
    const file = normalize(join(dist, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)))
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain', ...SECURITY })
      return res.end('not found')
    }
    const body = readFileSync(file)
    const accept = String(req.headers['accept-encoding'] ?? '')
    const encoding = accept.includes('br') ? 'br' : accept.includes('gzip') ? 'gzip' : null
    const type = TYPES[file.split('.').pop()] ?? 'application/octet-stream'
    res.writeHead(200, {
      'content-type': type,
      ...SECURITY,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    })
    res.end(encoding === 'br' ? brotliCompressSync(body) : encoding === 'gzip' ? gzipSync(body) : body)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  )
}
