/** What a check gets back from one HTTP exchange (redirects followed by hand, so each hop is visible). */
export interface HttpResult {
  url: string
  status: number
  headers: Headers
  body: Buffer
  /** Time to the response headers of the final hop. */
  ttfbMs: number
  redirects: string[]
}

export interface FetchOptions {
  headers?: Record<string, string>
  /** Sent only to this origin: a bypass secret must never follow a redirect elsewhere. */
  secretHeaders?: { origin: string; headers: Record<string, string> }
  signal?: AbortSignal
  /** @default 1 MB */
  maxBytes?: number
  /** @default 5 */
  maxRedirects?: number
  method?: string
  body?: string
  /** Read the status and headers only: the body is cancelled unread. */
  statusOnly?: boolean
}

export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    message: string,
    readonly kind: 'timeout' | 'network' | 'redirect-loop' | 'too-many-redirects' | 'too-large',
  ) {
    super(message)
  }
}

/** GET with a byte cap, manual redirects (loops detected), and secret headers kept to their own origin. */
export async function fetchLimited(url: string, options: FetchOptions = {}): Promise<HttpResult> {
  const maxBytes = options.maxBytes ?? 1_000_000
  const seen = new Set<string>()
  const redirects: string[] = []
  let current = url
  for (let hop = 0; ; hop++) {
    if (seen.has(current))
      throw new HttpError(`redirect loop: ${[...redirects, current].join(' → ')}`, 'redirect-loop')
    seen.add(current)
    const start = performance.now()
    const secret =
      options.secretHeaders && new URL(current).origin === options.secretHeaders.origin
        ? options.secretHeaders.headers
        : {}
    let response: Response
    try {
      response = await fetch(current, {
        method: options.method ?? 'GET',
        headers: { ...options.headers, ...secret },
        body: options.body,
        redirect: 'manual',
        signal: options.signal,
      })
    } catch (error) {
      throw describeNetworkError(error, current)
    }
    const ttfbMs = performance.now() - start
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location && !isLoginRedirect(location)) {
      await response.body?.cancel()
      if (hop >= (options.maxRedirects ?? 5))
        throw new HttpError(
          `more than ${options.maxRedirects ?? 5} redirects from ${url}`,
          'too-many-redirects',
        )
      redirects.push(current)
      current = new URL(location, current).href
      continue
    }
    if (options.statusOnly) await response.body?.cancel()
    const body = options.statusOnly ? Buffer.alloc(0) : await readCapped(response, maxBytes, current)
    return { url: current, status: response.status, headers: response.headers, body, ttfbMs, redirects }
  }
}

/** Vercel's login wall for protected previews: reported as "protected", not followed. */
export function isLoginRedirect(location: string): boolean {
  return /vercel\.com\/sso-api|vercel\.com\/login/.test(location)
}

/** A response's body up to `maxBytes`; past it the read stops with a `too-large` HttpError. */
export async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const reader = response.body?.getReader()
  if (!reader) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel()
        throw new HttpError(`${url} sent more than ${maxBytes} bytes; stopped reading`, 'too-large')
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw describeNetworkError(error, url)
  }
  return Buffer.concat(chunks)
}

function describeNetworkError(error: unknown, url: string): HttpError {
  const err = error as Error & { cause?: { code?: string; message?: string } }
  if (err.name === 'AbortError' || err.name === 'TimeoutError')
    return new HttpError(`${url}: no answer before the timeout`, 'timeout')
  const code = err.cause?.code ?? ''
  const reason =
    code === 'ECONNRESET' || /other side closed|socket/i.test(err.cause?.message ?? '')
      ? 'connection reset'
      : code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND'
          ? 'host not found'
          : (err.cause?.message ?? err.message)
  return new HttpError(`${url}: ${reason}`, 'network')
}
