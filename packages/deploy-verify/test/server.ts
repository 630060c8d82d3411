import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real HTTP server on 127.0.0.1 with routes per path; records each request's headers. */
export async function startServer(routes: Record<string, Handler>) {
  const seen: { path: string; headers: IncomingMessage['headers'] }[] = []
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    seen.push({ path, headers: req.headers })
    const handler = routes[path] ?? routes['*']
    if (handler) handler(req, res)
    else {
      res.writeHead(404)
      res.end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export const json =
  (body: unknown, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

export const sha = (content: string) => createHash('sha256').update(content).digest('base64url')
