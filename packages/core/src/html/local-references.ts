import { posix } from 'node:path'
import type { HtmlMessage } from '../schema/build-record.js'
import { positionOf } from './positions.js'

const ATTRIBUTES = /<([a-z][a-z0-9-]*)\b[^>]*?\s(src|href|srcset|poster)\s*=\s*(["'])(.*?)\3/gis

/**
 * Every local `src`/`href`/`srcset`/`poster` in a page must name an emitted or public file: a wrong `base` or a
 * renamed asset otherwise ships a broken page. External URLs, data:, mailto:, fragments are not checked.
 */
export function checkLocalReferences(
  page: string,
  html: string,
  files: ReadonlySet<string>,
  base = '/',
): HtmlMessage[] {
  const messages: HtmlMessage[] = []
  for (const match of html.matchAll(ATTRIBUTES)) {
    const [, tag, attribute, , value] = match
    const urls =
      attribute!.toLowerCase() === 'srcset'
        ? value!.split(',').map((c) => c.trim().split(/\s+/)[0]!)
        : [value!]
    for (const url of urls) {
      const target = resolveLocal(page, url, base)
      if (target === null || files.has(target)) continue
      const offset = match.index! + match[0].indexOf(value!)
      messages.push({
        ruleId: 'shipwatch/local-reference',
        severity: 'error',
        message: `<${tag}> ${attribute}="${url}" points at ${target}, which the build did not emit (wrong base, or a renamed asset?)`,
        ...positionOf(html, offset),
        selector: tag!,
      })
    }
  }
  return messages
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
