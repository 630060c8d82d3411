import type { CheckData, CheckStatus } from '@shipwatch/core'
import type { FetchOptions, HttpResult } from '../http/fetch-limited.js'
import type { RawResponse } from '../http/get-raw.js'

/** What one attempt of a check concludes. */
export interface CheckOutcome {
  status: CheckStatus
  message: string
  details?: string[]
  metrics?: Record<string, number>
  /** The check's figures as fields (`checkDataSchema` in the record schema). */
  data?: CheckData
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

/**
 * How a check was asked for. `required`: the user turned it on (`true` or options), so a missing dependency or app
 * convention fails it, naming the fix. `default`: it runs because it is on by default, so it skips instead.
 */
export type CheckMode = 'default' | 'required'

export interface Check {
  id: string
  title: string
  /** Per-attempt time limit. */
  timeoutMs: number
  /** Failed attempts are retried this many times (with backoff). */
  retries: number
  run(context: CheckContext): Promise<CheckOutcome>
}

/** What a check does without something it needs: fails when the user asked for it, else skips; both say the fix. */
export function unavailable(mode: CheckMode, message: string): CheckOutcome {
  return { status: mode === 'required' ? 'fail' : 'skip', message }
}
