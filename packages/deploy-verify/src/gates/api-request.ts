import { createRedactor } from '@shipwatch/core'
import { readCapped } from '../http/fetch-limited.js'

/** A hosting or code-review API answered with an error, or not at all: the gate could not be reported. */
export class GateReportError extends Error {
  override name = 'GateReportError'
}

// An API's answer is read up to this size: a check run's id is all a gate needs from it.
const MAX_ANSWER_BYTES = 1_000_000
const TIMEOUT_MS = 15_000

/**
 * One JSON request to an API with a bearer token. The token goes only in the Authorization header and no error
 * message repeats it (nor any part of it); an answer is bounded and must be a JSON object.
 */
export async function apiRequest(
  method: 'POST' | 'PATCH',
  url: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const redact = createRedactor([token])
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw new GateReportError(redact(`${method} ${url} failed: ${(error as Error).message}`))
  }
  let text: string
  try {
    text = (await readCapped(response, MAX_ANSWER_BYTES, url)).toString('utf8')
  } catch (error) {
    throw new GateReportError(redact((error as Error).message))
  }
  if (!response.ok)
    throw new GateReportError(redact(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`))
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new TypeError('not an object')
    return parsed as Record<string, unknown>
  } catch {
    throw new GateReportError(`${method} ${url} answered ${response.status} without a JSON object`)
  }
}
