import type { HttpResult } from '../http/fetch-limited.js'
import { fetchLimited } from '../http/fetch-limited.js'
import type { Check, CheckContext, CheckOutcome } from '../runner/check.js'
import { gradeResponse, type ObservatoryGrade } from '../security/observatory.js'
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
  const atLeast = (grade: string) => GRADE_ORDER.indexOf(grade) >= GRADE_ORDER.indexOf(minGrade)
  return {
    id: 'security',
    title: 'Security headers',
    ...limits,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const { graded, page } = await gradeDeployment(context, options)
      const https = page.url.startsWith('https:')
      const details = Object.entries(graded.tests).map(
        ([name, t]) => `${name}: ${t.result} (${t.modifier >= 0 ? '+' : ''}${t.modifier})`,
      )
      details.push(`permissions-policy: ${page.headers.has('permissions-policy') ? 'present' : 'missing'}`)
      // Without TLS the two https-only tests cannot pass: the gate judges the headers the deployment controls.
      const gatedGrade = https ? graded.grade : gradeWithout(graded.tests, HTTPS_ONLY)
      const data = {
        kind: 'security' as const,
        grade: graded.grade,
        score: graded.score,
        algorithmVersion: graded.algorithmVersion,
        gatedGrade,
        minGrade,
        https,
        tests: Object.fromEntries(
          Object.entries(graded.tests).map(([name, t]) => [
            name,
            { result: t.result, modifier: t.modifier, pass: t.modifier >= 0 },
          ]),
        ),
      }
      const metrics = { score: graded.score, algorithmVersion: graded.algorithmVersion }
      const grade = `grade ${graded.grade} (score ${graded.score}, Observatory algorithm ${graded.algorithmVersion})`
      if (!atLeast(gatedGrade))
        return {
          status: 'fail',
          message: `${grade}${https ? '' : `, ${gatedGrade} without the https-only tests`}: below the minimum ${minGrade} — costliest: ${costliest(graded.tests, https ? [] : HTTPS_ONLY)} (or set security.minGrade)`,
          details,
          metrics,
          data,
        }
      // A grade under the minimum is never shown as passed: over http it is a warning that names both grades.
      if (!atLeast(graded.grade))
        return {
          status: 'warn',
          message: `${grade} over plain http, below the minimum ${minGrade}; without the https-only tests (redirection, HSTS) the headers earn ${gatedGrade} — verify the https URL for a passing grade`,
          details,
          metrics,
          data,
        }
      return { status: 'pass', message: `${grade}, at least ${minGrade}`, details, metrics, data }
    },
  }
}

/** The three tests that cost the most points, e.g. `content-security-policy −25`: where a better grade starts. */
function costliest(tests: Record<string, { modifier: number }>, excluded: string[]): string {
  return Object.entries(tests)
    .filter(([name, t]) => t.modifier < 0 && !excluded.includes(name))
    .sort((a, b) => a[1].modifier - b[1].modifier)
    .slice(0, 3)
    .map(([name, t]) => `${name} ${t.modifier}`)
    .join(', ')
}

/** The grade the other tests earn, scored as the Observatory does (bonuses only from 90 up). */
function gradeWithout(tests: Record<string, { modifier: number }>, excluded: string[]): string {
  const modifiers = Object.entries(tests)
    .filter(([name]) => !excluded.includes(name))
    .map(([, t]) => t.modifier)
  let score = 100 + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0)
  if (score >= 90) score += modifiers.filter((m) => m > 0).reduce((a, b) => a + b, 0)
  return gradeFor(score)
}

/** The Observatory grade of one deployment's page, with its http:// variant probed for the redirection test. */
export async function gradeDeployment(
  context: Pick<CheckContext, 'baseUrl' | 'signal' | 'fetch'>,
  options: Pick<SecurityHeadersOptions, 'path' | 'algorithmVersion'>,
): Promise<{ graded: ObservatoryGrade; page: HttpResult }> {
  const page = await context.fetch(options.path ?? '/', { headers: { accept: 'text/html' } })
  const redirection = await probeRedirection(context)
  const graded = gradeResponse(
    { url: page.url, headers: page.headers, body: page.body.toString('utf8'), redirection },
    options.algorithmVersion ?? 4,
  )
  return { graded, page }
}

/** What the http:// variant of the deployment does: redirect to https on the same host, elsewhere, or not at all. */
async function probeRedirection(context: Pick<CheckContext, 'baseUrl' | 'signal'>): Promise<string> {
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
