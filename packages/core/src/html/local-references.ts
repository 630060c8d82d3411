import { posix } from 'node:path'
import type { HtmlMessage } from '../schema/build-record.js'
import { positionOf } from './positions.js'

const ATTRIBUTES = /<([a-z][a-z0-9-]*)\b[^>]*?\s(src|href|srcset|poster)\s*=\s*(["'])(.*?)\3/gis

export interface LocalReference {
  tag: string
  attribute: string
  url: string
  /** The output-relative file it names. */
  target: string
  offset: number
}

/** Every local `src`/`href`/`srcset`/`poster` of a page (external URLs, data:, mailto:, fragments left out). */
export function localReferences(page: string, html: string, base = '/'): LocalReference[] {
  const found: LocalReference[] = []
  for (const match of html.matchAll(ATTRIBUTES)) {
    const [, tag, attribute, , value] = match
    const urls =
      attribute!.toLowerCase() === 'srcset'
        ? value!.split(',').map((c) => c.trim().split(/\s+/)[0]!)
        : [value!]
    for (const url of urls) {
      const target = resolveLocal(page, url, base)
      if (target !== null)
        found.push({
          tag: tag!,
          attribute: attribute!,
          url,
          target,
          offset: match.index! + match[0].indexOf(value!),
        })
    }
  }
  return found
}

/**
 * Every local reference in an emitted page must name an emitted or public file: a wrong `base` or a renamed asset
 * otherwise ships a broken page.
 */
export function checkLocalReferences(
  page: string,
  html: string,
  files: ReadonlySet<string>,
  base = '/',
): HtmlMessage[] {
  return localReferences(page, html, base)
    .filter((ref) => !files.has(ref.target))
    .map((ref) => ({
      ruleId: 'shipwatch/local-reference',
      severity: 'error' as const,
      message: `<${ref.tag}> ${ref.attribute}="${ref.url}" points at ${ref.target}, which the build did not emit (wrong base, or a renamed asset?)`,
      ...positionOf(html, ref.offset),
      selector: ref.tag,
    }))
}

/** The output-relative path a URL refers to, or null when it is not a local file reference. */
export function resolveLocal(page: string, url: string, base: string): string | null {
  if (!url || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url)) return null
  const path = decodeURI(url.split(/[?#]/)[0]!)
  if (path === '') return null
  const normalizedBase = base.endsWith('/') ? base : `${base}/`
  let resolved: string
  if (path.startsWith('/')) {
    // An absolute URL must sit under the deployment's base to be served from this build.
    if (!path.startsWith(normalizedBase)) return path.slice(1)
    resolved = path.slice(normalizedBase.length)
  } else {
    resolved = posix.join(posix.dirname(page), path)
  }
  resolved = posix.normalize(resolved).replace(/^\.\//, '')
  return resolved.endsWith('/') || resolved === '' ? posix.join(resolved, 'index.html') : resolved
}
