import type { CheckStatus } from '@shipwatch/core'
import type { FetchOptions, HttpResult } from '../http/fetch-limited.js'
import type { RawResponse } from '../http/get-raw.js'

/** What one attempt of a check concludes. */
export interface CheckOutcome {
  status: CheckStatus
  message: string
  details?: string[]
  metrics?: Record<string, number>
  /** Facts for the deploy record (e.g. the served commit). */
  facts?: { servedSha?: string | null }
}

export interface CheckContext {
  /** The deployment's base URL, no trailing slash. */
  baseUrl: string
  signal: AbortSignal
  /** fetch with the run's limits and the bypass header (own origin only) already applied. */
  fetch(path: string, options?: FetchOptions): Promise<HttpResult>
  /** GET on the deployment's origin without decompression: transferred and decoded bytes. */
  getRaw(path: string): Promise<RawResponse>
}

export interface Check {
  id: string
  title: string
  /** Per-attempt time limit. */
  timeoutMs: number
  /** Failed attempts are retried this many times (with backoff). */
  retries: number
  run(context: CheckContext): Promise<CheckOutcome>
}
