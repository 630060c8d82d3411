import { createHash } from 'node:crypto'
import type { Check, CheckContext, CheckMode, CheckOutcome } from '../runner/check.js'
import { protectedMessage } from './protected.js'

export interface IdentityOptions {
  /** The commit the deployment must serve. */
  expectedSha: string | null
  /** @default '/build-info.json' */
  path?: string
  /** Keep polling this long for the new build to go live. @default 60 000 */
  waitMs?: number
  /** Served files to compare with the recorded hashes (HTML, JS and CSS first). @default 20 */
  maxFiles?: number
}

interface BuildInfo {
  commitSha: string | null
  files: { fileName: string; sha256: string }[]
}

/**
 * "The live URL serves the build that was just made": polls build-info.json (from @shipwatch/vite-build-metrics) with
 * backoff until it names the expected commit, then checks that served files hash to what the build recorded.
 */
export function buildIdentityCheck(
  options: IdentityOptions,
  limits: { retries: number },
  mode: CheckMode = 'required',
): Check {
  const path = options.path ?? '/build-info.json'
  const waitMs = options.waitMs ?? 60_000
  return {
    id: 'identity',
    title: 'Build identity',
    timeoutMs: waitMs + 15_000,
    retries: limits.retries,
    async run(context) {
      if (!options.expectedSha) {
        return {
          status: 'skip',
          message:
            'no expected commit: pass --commit, set VERCEL_GIT_COMMIT_SHA, or run inside the git checkout',
        }
      }
      const until = Date.now() + waitMs
      let delay = 250
      let last: CheckOutcome
      for (;;) {
        last = await readInfo(context)
        // Keep waiting only while another commit is live (the new build may still be rolling out).
        const waiting =
          last.status === 'fail' &&
          last.facts?.servedSha !== undefined &&
          last.facts.servedSha !== options.expectedSha
        if (!waiting || Date.now() + delay > until) break
        await sleep(delay, context.signal)
        delay = Math.min(delay * 2, 5_000)
      }
      return last
    },
  }

  async function readInfo(context: CheckContext): Promise<CheckOutcome> {
    const result = await context.fetch(path, {
      headers: { accept: 'application/json', 'cache-control': 'no-cache' },
    })
    const locked = protectedMessage(result)
    if (locked) return { status: 'fail', message: locked }
    // A site built without build-info has nothing to prove identity with: said, not failed, unless asked for.
    const absent = result.status === 404 || /html/i.test(result.headers.get('content-type') ?? '')
    if (absent && mode === 'default')
      return {
        status: 'skip',
        message: `no ${path} (answered ${result.status}${result.status === 404 ? '' : ' with HTML'}): build with buildMetrics({ buildInfo: true }) to prove the live URL serves this build`,
      }
    if (result.status !== 200)
      return {
        status: 'fail',
        message: `${path} answered ${result.status}: is build-info enabled (buildMetrics({ buildInfo: true }))?`,
      }
    let info: BuildInfo | null
    try {
      info = readBuildInfo(JSON.parse(result.body.toString('utf8')))
    } catch {
      return { status: 'fail', message: `${path} is not JSON` }
    }
    if (!info)
      return {
        status: 'fail',
        message: `${path} is not a build-info file: commitSha must be a commit sha (7–64 hex characters) and files a list of { fileName, sha256 }`,
      }
    const served = info.commitSha
    if (served !== options.expectedSha) {
      return {
        status: 'fail',
        message: `serves commit ${short(served)}, expected ${short(options.expectedSha)}: the deployment serves an older (or other) build`,
        facts: { servedSha: served },
      }
    }
    const files = [...info.files]
      .sort((a, b) => rank(a.fileName) - rank(b.fileName))
      .slice(0, options.maxFiles ?? 20)
    const mismatched: string[] = []
    await Promise.all(
      files.map(async (file) => {
        const served = await context.fetch(`/${file.fileName}`, { maxBytes: 20_000_000 })
        const hash = createHash('sha256').update(served.body).digest('base64url')
        if (served.status !== 200 || hash !== file.sha256)
          mismatched.push(
            `${file.fileName} (${served.status === 200 ? 'different content' : `status ${served.status}`})`,
          )
      }),
    )
    if (mismatched.length > 0) {
      return {
        status: 'fail',
        message: `commit ${short(served)} is live, but ${mismatched.length} file(s) differ from the build`,
        details: mismatched,
        facts: { servedSha: served },
      }
    }
    return {
      status: 'pass',
      message: `serves commit ${short(served)}; ${files.length} file(s) match the build`,
      metrics: { filesChecked: files.length },
      facts: { servedSha: served },
    }
  }
}

const SHA = /^[0-9a-f]{7,64}$/i
const SHA256_BASE64URL = /^[A-Za-z0-9_-]{43}$/

/** An output path as a build writes it: relative, no `..`, query, scheme or `//` that would leave the deployment. */
function isOutputPath(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 1_000 &&
    !/[\p{Cc}\\?#]/u.test(name) &&
    !name.startsWith('/') &&
    !/^[a-z][a-z0-9+.-]*:/i.test(name) &&
    !name.split('/').includes('..')
  )
}

/**
 * build-info.json comes from the network: only a well-formed file is believed, so nothing the server echoes (a
 * request header, a secret) can become the recorded served commit or a URL we fetch.
 */
function readBuildInfo(value: unknown): BuildInfo | null {
  if (!value || typeof value !== 'object') return null
  const { commitSha, files } = value as Record<string, unknown>
  if (commitSha !== null && !(typeof commitSha === 'string' && SHA.test(commitSha))) return null
  if (!Array.isArray(files)) return null
  const valid = files.filter(
    (f): f is BuildInfo['files'][number] =>
      typeof f?.fileName === 'string' &&
      isOutputPath(f.fileName) &&
      typeof f.sha256 === 'string' &&
      SHA256_BASE64URL.test(f.sha256),
  )
  return valid.length === files.length ? { commitSha: commitSha as string | null, files: valid } : null
}

function short(sha: string | null): string {
  return sha ? sha.slice(0, 7) : '(none)'
}

function rank(fileName: string): number {
  return fileName.endsWith('.html') ? 0 : fileName.endsWith('.js') ? 1 : fileName.endsWith('.css') ? 2 : 3
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
