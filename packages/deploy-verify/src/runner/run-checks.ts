import type { CheckResult } from '@shipwatch/core'
import { HttpError } from '../http/fetch-limited.js'
import type { Check, CheckContext, CheckOutcome } from './check.js'

export interface RunOptions {
  /** No attempt starts after this, and running ones are cut off at it. */
  deadline: number
  /** First retry waits this long, then doubles. @default 250 */
  backoffMs?: number
  onResult?: (result: CheckResult) => void
}

/**
 * Runs every check concurrently. Each attempt has its own timeout; failures are retried with backoff until the
 * check's retries or the overall deadline run out. The result keeps the first attempt's status, so a flaky endpoint
 * shows as "fail → pass after 2 attempts" instead of a clean pass.
 */
export async function runChecks(
  checks: Check[],
  makeContext: (signal: AbortSignal) => CheckContext,
  options: RunOptions,
): Promise<(CheckResult & { facts?: CheckOutcome['facts'] })[]> {
  return Promise.all(
    checks.map(async (check) => {
      const start = performance.now()
      let first: CheckOutcome | null = null
      let outcome: CheckOutcome
      let attempts = 0
      for (;;) {
        attempts++
        outcome = await attempt(check, makeContext, options.deadline)
        first ??= outcome
        const wait = (options.backoffMs ?? 250) * 2 ** (attempts - 1)
        if (outcome.status !== 'fail' || attempts > check.retries || Date.now() + wait >= options.deadline)
          break
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
      const result = {
        id: check.id,
        title: check.title,
        status: outcome.status,
        firstStatus: first.status,
        attempts,
        durationMs: Math.round(performance.now() - start),
        message: outcome.message,
        details: boundDetails(outcome.details ?? []),
        metrics: outcome.metrics ?? {},
        ...(outcome.data ? { data: outcome.data } : {}),
        ...(outcome.facts ? { facts: outcome.facts } : {}),
      }
      options.onResult?.(result)
      return result
    }),
  )
}

async function attempt(
  check: Check,
  makeContext: (signal: AbortSignal) => CheckContext,
  deadline: number,
): Promise<CheckOutcome> {
  const budget = Math.max(0, Math.min(check.timeoutMs, deadline - Date.now()))
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort()
      resolve({ status: 'fail', message: `no result within ${budget} ms (timeout)` })
    }, budget)
  })
  try {
    return await Promise.race([
      check.run(makeContext(controller.signal)).catch((error: unknown) => failure(error)),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
}

function failure(error: unknown): CheckOutcome {
  if (error instanceof HttpError) return { status: 'fail', message: error.message }
  return { status: 'fail', message: `unexpected error: ${(error as Error)?.message ?? String(error)}` }
}

// A check may list thousands of findings (every pending migration, every missing file): the record keeps the first.
const MAX_DETAILS = 50

function boundDetails(details: string[]): string[] {
  return details.length <= MAX_DETAILS
    ? details
    : [...details.slice(0, MAX_DETAILS), `… and ${details.length - MAX_DETAILS} more`]
}
