import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

export interface RawResponse {
  status: number
  encoding: string | null
  /** Bytes on the wire (after content-encoding). */
  transferred: number
  /** The decoded content. */
  body: Buffer
}

/**
 * GET without automatic decompression, so both the bytes that crossed the network and the decoded bytes are known
 * (fetch hides the former). Capped and abortable like every request the verifier makes.
 */
export function getRaw(
  url: string,
  options: { headers?: Record<string, string>; signal?: AbortSignal; maxBytes?: number },
): Promise<RawResponse> {
  const maxBytes = options.maxBytes ?? 20_000_000
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      { headers: { 'accept-encoding': 'br, gzip', ...options.headers }, signal: options.signal },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBytes) {
            request.destroy(new Error(`${url} sent more than ${maxBytes} bytes`))
            return
          }
          chunks.push(chunk)
        })
        response.on('error', reject)
        response.on('end', () => {
          const raw = Buffer.concat(chunks)
          const encoding = response.headers['content-encoding'] ?? null
          try {
            const body =
              encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw
            resolve({ status: response.statusCode ?? 0, encoding, transferred: raw.length, body })
          } catch (error) {
            reject(new Error(`${url}: could not decode ${encoding} content (${(error as Error).message})`))
          }
        })
      },
    )
    request.on('error', reject)
    request.end()
  })
}
