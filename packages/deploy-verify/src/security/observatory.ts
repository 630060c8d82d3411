import { evaluateCsp } from './csp.js'
import { type AlgorithmVersion, gradeFor, modifierFor } from './score-table.js'

export interface GradedResponse {
  url: string
  headers: Headers
  body: string
  /** Redirection result, from probing the http:// variant of the URL. */
  redirection: string
}

export interface ObservatoryGrade {
  algorithmVersion: AlgorithmVersion
  score: number
  grade: string
  tests: Record<string, { result: string; modifier: number }>
}

const GOOD_REFERRERS = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']
const BAD_REFERRERS = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade']

/**
 * Grades a response offline with the MDN HTTP Observatory algorithm (version 4 by default, as the npm package; 5 on
 * request; 6 adds COOP and COEP): start at 100, add every negative modifier, add the positive ones only if that leaves at least 90.
 * Reads headers only (no <meta http-equiv>), a single Content-Security-Policy header, and the page's scripts for SRI.
 */
export function gradeResponse(response: GradedResponse, version: AlgorithmVersion = 4): ObservatoryGrade {
  const https = response.url.startsWith('https:')
  const h = (name: string) => response.headers.get(name)
  const csp = evaluateCsp(
    h('content-security-policy') ? [h('content-security-policy')!] : [],
    h('content-security-policy-report-only') !== null,
    https,
  )
  const hsts = strictTransportSecurity(h('strict-transport-security'), https)
  const results: Record<string, string> = {
    'content-security-policy': csp.result,
    cookies: cookies(
      response.headers.getSetCookie(),
      hsts === 'hsts-implemented-max-age-at-least-six-months',
    ),
    'cross-origin-resource-sharing': cors(
      h('access-control-allow-origin'),
      h('access-control-allow-credentials'),
    ),
    redirection: response.redirection,
    'referrer-policy': referrerPolicy(h('referrer-policy')),
    'strict-transport-security': hsts,
    'subresource-integrity': subresourceIntegrity(response, https),
    'x-content-type-options':
      h('x-content-type-options') === null
        ? 'x-content-type-options-not-implemented'
        : h('x-content-type-options')!.trim().toLowerCase() === 'nosniff'
          ? 'x-content-type-options-nosniff'
          : 'x-content-type-options-header-invalid',
    'x-frame-options': csp.frameAncestors
      ? 'x-frame-options-implemented-via-csp'
      : xFrameOptions(h('x-frame-options')),
    'cross-origin-resource-policy': corp(h('cross-origin-resource-policy')),
  }
  if (version === 6) {
    results['cross-origin-opener-policy'] = coop(h('cross-origin-opener-policy'))
    results['cross-origin-embedder-policy'] = coep(h('cross-origin-embedder-policy'))
  }
  const tests = Object.fromEntries(
    Object.entries(results).map(([name, result]) => [
      name,
      { result, modifier: modifierFor(result, version) },
    ]),
  )
  const modifiers = Object.values(tests).map((t) => t.modifier)
  let score = 100 + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0)
  if (score >= 90) score += modifiers.filter((m) => m > 0).reduce((a, b) => a + b, 0)
  score = Math.max(0, score)
  return { algorithmVersion: version, score, grade: gradeFor(score), tests }
}

function strictTransportSecurity(header: string | null, https: boolean): string {
  if (!https) return 'hsts-not-implemented-no-https'
  if (header === null) return 'hsts-not-implemented'
  const maxAge = /max-age\s*=\s*"?(\d+)"?/i.exec(header)
  if (!maxAge) return 'hsts-header-invalid'
  return Number(maxAge[1]) >= 15_552_000
    ? 'hsts-implemented-max-age-at-least-six-months'
    : 'hsts-implemented-max-age-less-than-six-months'
}

function referrerPolicy(header: string | null): string {
  if (header === null) return 'referrer-policy-not-implemented'
  const valid = [...GOOD_REFERRERS, ...BAD_REFERRERS]
  // Browsers use the last value they understand.
  const policy =
    header
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter((v) => valid.includes(v))
      .at(-1) ?? ''
  if (GOOD_REFERRERS.includes(policy)) return 'referrer-policy-private'
  if (BAD_REFERRERS.includes(policy)) return 'referrer-policy-unsafe'
  return 'referrer-policy-header-invalid'
}

function xFrameOptions(header: string | null): string {
  if (header === null) return 'x-frame-options-not-implemented'
  const value = header.trim().toLowerCase()
  if (value === 'deny' || value === 'sameorigin') return 'x-frame-options-sameorigin-or-deny'
  if (value.startsWith('allow-from')) return 'x-frame-options-allow-from-origin'
  return 'x-frame-options-header-invalid'
}

function corp(header: string | null): string {
  if (header === null) return 'corp-not-implemented'
  const value = header.slice(0, 256).trim().toLowerCase()
  return value === 'same-site'
    ? 'corp-implemented-with-same-site'
    : value === 'same-origin'
      ? 'corp-implemented-with-same-origin'
      : value === 'cross-origin'
        ? 'corp-implemented-with-cross-origin'
        : 'corp-header-invalid'
}

function cors(allowOrigin: string | null, credentials: string | null): string {
  if (allowOrigin === null) return 'cross-origin-resource-sharing-not-implemented'
  const value = allowOrigin.trim().toLowerCase()
  if (value === '*') return 'cross-origin-resource-sharing-implemented-with-public-access'
  // The Observatory sends Origin: https://http-observatory.security.mozilla.org; echoing it back with credentials is universal access.
  if (
    value === 'https://http-observatory.security.mozilla.org' &&
    credentials?.trim().toLowerCase() === 'true'
  ) {
    return 'cross-origin-resource-sharing-implemented-with-universal-access'
  }
  return 'cross-origin-resource-sharing-implemented-with-restricted-access'
}

// Worst first: the most severe cookie finding wins.
const COOKIE_SEVERITY = [
  'cookies-session-without-secure-flag',
  'cookies-session-without-httponly-flag',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-samesite-flag-invalid',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag-but-protected-by-hsts',
]

function cookies(setCookies: string[], hsts: boolean): string {
  if (setCookies.length === 0) return 'cookies-not-found'
  const found = new Set<string>()
  let missingSameSite = false
  for (const raw of setCookies) {
    const [pair, ...attrs] = raw.split(';').map((p) => p.trim())
    const name = (pair ?? '').split('=')[0]!.toLowerCase()
    const flags = new Map(
      attrs.map((a) => {
        const [k, ...v] = a.split('=')
        return [k!.trim().toLowerCase(), v.join('=').trim().toLowerCase()] as const
      }),
    )
    const secure = flags.has('secure')
    const httpOnly = flags.has('httponly')
    const sameSite = flags.get('samesite')
    const session = name.includes('login') || name.includes('sess')
    if (sameSite !== undefined && !['strict', 'lax', 'none'].includes(sameSite))
      found.add('cookies-samesite-flag-invalid')
    if (!secure && sameSite === 'none') found.add('cookies-samesite-flag-invalid')
    if (!secure)
      found.add(hsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag')
    if (name.includes('csrf') && sameSite === undefined) found.add('cookies-anticsrf-without-samesite-flag')
    if (session && !secure)
      found.add(
        hsts
          ? 'cookies-session-without-secure-flag-but-protected-by-hsts'
          : 'cookies-session-without-secure-flag',
      )
    if (session && !httpOnly) found.add('cookies-session-without-httponly-flag')
    if (sameSite === undefined) missingSameSite = true
  }
  const worst = COOKIE_SEVERITY.find((r) => found.has(r))
  if (worst) return worst
  return missingSameSite
    ? 'cookies-secure-with-httponly-sessions'
    : 'cookies-secure-with-httponly-sessions-and-samesite'
}

function subresourceIntegrity(response: GradedResponse, https: boolean): string {
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('text/html')) return 'sri-not-implemented-response-not-html'
  const scripts = [...response.body.matchAll(/<script\b([^>]*)>/gi)]
    .map((m) => m[1]!)
    .filter((attrs) => /\bsrc\s*=/.test(attrs))
  if (scripts.length === 0) return 'sri-not-implemented-but-no-scripts-loaded'
  const origin = new URL(response.url)
  let result: string | null = null
  let sawExternalSecure = false
  for (const attrs of scripts) {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)![1]!
    const integrity = /\bintegrity\s*=/.test(attrs)
    const url = new URL(src, origin)
    if (url.host === origin.host && url.protocol === origin.protocol) continue
    const secure = url.protocol === 'https:'
    if (integrity && !secure) result = 'sri-implemented-but-external-scripts-not-loaded-securely'
    else if (!integrity && secure) result ??= 'sri-not-implemented-but-external-scripts-loaded-securely'
    else if (!integrity && !secure) result = 'sri-not-implemented-and-external-scripts-not-loaded-securely'
    else sawExternalSecure = true
  }
  if (result) return result
  if (sawExternalSecure) return 'sri-implemented-and-external-scripts-loaded-securely'
  return https
    ? 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin'
    : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin'
}

function coop(header: string | null): string {
  if (header === null) return 'coop-not-implemented'
  const value = header.split(';')[0]!.trim().toLowerCase()
  if (value === 'same-origin') return 'coop-implemented-with-same-origin'
  if (value === 'same-origin-allow-popups' || value === 'unsafe-none' || value === 'noopener-allow-popups')
    return 'coop-implemented-not-strict'
  return 'coop-header-invalid'
}

function coep(header: string | null): string {
  if (header === null) return 'coep-not-implemented'
  const value = header.split(';')[0]!.trim().toLowerCase()
  if (value === 'require-corp' || value === 'credentialless') return 'coep-implemented-strict'
  if (value === 'unsafe-none') return 'coep-implemented-not-strict'
  return 'coep-header-invalid'
}
