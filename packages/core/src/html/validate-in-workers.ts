import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/** A raw html-validate message, as the worker sends it back. */
export interface RawMessage {
  ruleId: string
  severity: number
  message: string
  line: number
  column: number
  selector: string | null
}

// Inline source, like the compression pool: runs the same from src/ and dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { HtmlValidate } = require(workerData.modulePath)
const validator = new HtmlValidate(workerData.config)
parentPort.on('message', async ({ index, fileName, html }) => {
  try {
    const report = await validator.validateString(html, fileName)
    const messages = report.results.flatMap((r) => r.messages.map((m) => ({
      ruleId: m.ruleId, severity: m.severity, message: m.message, line: m.line, column: m.column, selector: m.selector ?? null })))
    parentPort.postMessage({ index, messages })
  } catch (error) {
    parentPort.postMessage({ index, error: String(error && error.message || error) })
  }
})
`

/**
 * Validates many pages on worker threads, one html-validate per worker (≈ 350 ms to load each, so only worth it for
 * many pages). Results come back in page order.
 */
export async function validateInWorkers(
  pages: { fileName: string; html: string }[],
  config: Record<string, unknown>,
  size = Math.min(availableParallelism(), 8),
): Promise<RawMessage[][]> {
  const modulePath = createRequire(import.meta.url).resolve('html-validate')
  const results: RawMessage[][] = new Array(pages.length)
  let next = 0
  const workers = Array.from(
    { length: Math.max(1, Math.min(size, pages.length)) },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, config } }),
  )
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= pages.length) return resolve()
              const index = next++
              worker.postMessage({ index, ...pages[index]! })
            }
            worker.on('message', (reply: { index: number; messages?: RawMessage[]; error?: string }) => {
              if (reply.error !== undefined) return reject(new Error(reply.error))
              results[reply.index] = reply.messages!
              feed()
            })
            worker.on('error', reject)
            feed()
          }),
      ),
    )
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return results
}
