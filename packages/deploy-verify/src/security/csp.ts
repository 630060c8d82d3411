/** A parsed policy: directive → sources (lowercased). Throws on what the Observatory calls invalid. */
export function parseCsp(policies: string[]): Map<string, Set<string>> {
  const csp = new Map<string, Set<string>>()
  for (const [index, raw] of policies.entries()) {
    const policy = raw.replace(/[\r\n]/g, '').trim()
    if (policy.length < 'img-src'.length - 1) throw new Error(`invalid policy: ${policy}`)
    const seen = new Set<string>()
    for (const entry of policy.split(';')) {
      const [name, ...sources] = entry.trim().split(/\s+/)
      if (!name) continue
      const directive = name.toLowerCase()
      if (seen.has(directive) && directive !== 'report-uri' && directive !== 'report-to')
        throw new Error(`duplicate ${directive}`)
      seen.add(directive)
      const values =
        sources.length > 0
          ? sources.map((s) => s.trim().toLowerCase())
          : directive.endsWith('-src')
            ? ["'none'"]
            : []
      // A later policy can only narrow an earlier one: keep what both allow.
      const previous = csp.get(directive)
      csp.set(
        directive,
        index === 0 || !previous ? new Set(values) : new Set(values.filter((v) => previous.has(v))),
      )
    }
  }
  return csp
}

const BROAD = ['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']
const UNSAFE_INLINE = ["'unsafe-inline'", 'data:']
const NONCE_OR_HASH = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"]
const hasNonceOrHash = (sources: Set<string>) =>
  [...sources].some((s) => NONCE_OR_HASH.some((p) => s.startsWith(p)))

export interface CspEvaluation {
  result: string
  frameAncestors: boolean
}

/** The Observatory's CSP verdict for the response's policies (header only), in its order of precedence. */
export function evaluateCsp(headerPolicies: string[], reportOnly: boolean, https: boolean): CspEvaluation {
  let csp: Map<string, Set<string>>
  try {
    csp = parseCsp(headerPolicies)
  } catch {
    return { result: 'csp-header-invalid', frameAncestors: false }
  }
  if (csp.size === 0)
    return {
      result: reportOnly ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented',
      frameAncestors: false,
    }
  const fallback = (name: string) => new Set(csp.get(name) ?? csp.get('default-src') ?? ['*'])
  const script = fallback('script-src')
  const style = fallback('style-src')
  const object = fallback('object-src')
  let result: string | null = null
  for (const list of [script, style]) if (hasNonceOrHash(list)) list.delete("'unsafe-inline'")
  if (hasNonceOrHash(script) && script.has("'strict-dynamic'")) {
    for (const source of [...script])
      if (BROAD.some((b) => source.startsWith(b)) || source === "'self'" || source === "'unsafe-inline'")
        script.delete(source)
  } else if (script.has("'strict-dynamic'")) {
    result = 'csp-header-invalid'
  }
  const active = [...csp]
    .filter(([d]) => d !== 'img-src' && d !== 'media-src' && d !== 'script-src')
    .flatMap(([, s]) => [...s])
  active.push(...script)
  const passive = ['img-src', 'media-src'].flatMap((d) => [...(csp.get(d) ?? csp.get('default-src') ?? [])])
  const insecure = (s: string) => s.startsWith('http:') || s.startsWith('ftp:')
  const broadOrInline = (s: string) => BROAD.includes(s) || UNSAFE_INLINE.includes(s)
  if ([...script].some(broadOrInline) || [...object].some((s) => BROAD.includes(s)))
    result ??= 'csp-implemented-with-unsafe-inline'
  if (https && active.some(insecure)) result ??= 'csp-implemented-with-insecure-scheme'
  if (script.has("'unsafe-eval'") || style.has("'unsafe-eval'")) result ??= 'csp-implemented-with-unsafe-eval'
  if (https && passive.some(insecure))
    result ??= 'csp-implemented-with-insecure-scheme-in-passive-content-only'
  if ([...style].some(broadOrInline)) result ??= 'csp-implemented-with-unsafe-inline-in-style-src-only'
  const defaultSrc = csp.get('default-src')
  if (defaultSrc?.has("'none'") && defaultSrc.size === 1)
    result ??= 'csp-implemented-with-no-unsafe-default-src-none'
  result ??= 'csp-implemented-with-no-unsafe'
  // Any frame-ancestors directive counts for X-Frame-Options, as in the Observatory.
  return { result, frameAncestors: csp.has('frame-ancestors') }
}
