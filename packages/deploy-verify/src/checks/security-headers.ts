import { fetchLimited } from '../http/fetch-limited.js'
import type { Check, CheckContext, CheckOutcome } from '../runner/check.js'
import { gradeResponse } from '../security/observatory.js'
import { GRADE_ORDER, gradeFor } from '../security/score-table.js'

export interface SecurityHeadersOptions {
  /** Lowest acceptable grade. @default 'B' */
  minGrade?: string
  /** MDN HTTP Observatory algorithm version: 4 (what the npm package implements), 5, or 6 (adds COOP, COEP). @default 4 */
  algorithmVersion?: 4 | 5 | 6
  /** @default '/' */
  path?: string
}

const HTTPS_ONLY = ['redirection', 'strict-transport-security']

/**
 * Grades the deployment's response headers offline with the MDN HTTP Observatory algorithm and gates on a minimum
 * grade. Over plain http, redirection and HSTS fail by definition (−40, at most C+): the check says so and gates on
 * the grade the rest of the headers earn.
 */
export function securityHeadersCheck(
  options: SecurityHeadersOptions,
  limits: { timeoutMs: number; retries: number },
): Check {
  const minGrade = options.minGrade ?? 'B'
  if (!GRADE_ORDER.includes(minGrade))
    throw new Error(`security.minGrade must be one of ${GRADE_ORDER.join(', ')}, got ${minGrade}`)
  return {
    id: 'security',
    title: 'Security headers',
    ...limits,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const page = await context.fetch(options.path ?? '/', { headers: { accept: 'text/html' } })
      const redirection = await probeRedirection(context)
      const graded = gradeResponse(
        { url: page.url, headers: page.headers, body: page.body.toString('utf8'), redirection },
        options.algorithmVersion ?? 4,
      )
      const https = page.url.startsWith('https:')
      const details = Object.entries(graded.tests).map(
        ([name, t]) => `${name}: ${t.result} (${t.modifier >= 0 ? '+' : ''}${t.modifier})`,
      )
      details.push(`permissions-policy: ${page.headers.has('permissions-policy') ? 'present' : 'missing'}`)
      const metrics = { score: graded.score, algorithmVersion: graded.algorithmVersion }
      let gateGrade = graded.grade
      let note = ''
      if (!https) {
        // Without TLS the two https-only tests cannot pass; judge the headers the deployment controls.
        const modifiers = Object.entries(graded.tests)
          .filter(([name]) => !HTTPS_ONLY.includes(name))
          .map(([, t]) => t.modifier)
        let score = 100 + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0)
        if (score >= 90) score += modifiers.filter((m) => m > 0).reduce((a, b) => a + b, 0)
        gateGrade = gradeFor(score)
        note = ` — over plain http redirection and HSTS fail by definition (at most C+); the other headers earn ${gateGrade}`
      }
      const ok = GRADE_ORDER.indexOf(gateGrade) >= GRADE_ORDER.indexOf(minGrade)
      return {
        status: ok ? 'pass' : 'fail',
        message: `grade ${graded.grade} (score ${graded.score}, Observatory algorithm ${graded.algorithmVersion})${note}${ok ? '' : `; below the minimum ${minGrade}`}`,
        details,
        metrics,
      }
    },
  }
}

/** What the http:// variant of the deployment does: redirect to https on the same host, elsewhere, or not at all. */
async function probeRedirection(context: CheckContext): Promise<string> {
  const url = new URL(context.baseUrl)
  url.protocol = 'http:'
  try {
    const first = await fetchLimited(url.href, { maxRedirects: 0, signal: context.signal }).catch(
      (error: Error) => {
        if (/more than 0 redirects/.test(error.message)) return null
        throw error
      },
    )
    if (first !== null) return 'redirection-missing'
    const response = await fetch(url.href, { redirect: 'manual', signal: context.signal })
    const location = new URL(response.headers.get('location') ?? '', url)
    if (location.protocol !== 'https:') return 'redirection-not-to-https'
    return location.host === url.host ? 'redirection-to-https' : 'redirection-off-host-from-http'
  } catch {
    return 'redirection-not-needed-no-http'
  }
}
