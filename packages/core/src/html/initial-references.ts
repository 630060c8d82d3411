import { posix } from 'node:path'

const SCRIPT = /<script\b[^>]*\bsrc=["']([^"']+)["']/gi
const LINK_REL_FIRST = /<link\b[^>]*\brel=["'](?:modulepreload|stylesheet)["'][^>]*\bhref=["']([^"']+)["']/gi
const LINK_HREF_FIRST = /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["'](?:modulepreload|stylesheet)["']/gi

/**
 * The files a page loads up front, read from its HTML: scripts, modulepreloads and stylesheets — what Vite writes for
 * the entry chunk, its static imports and their CSS. Local ones only, as paths relative to the site root.
 */
export function initialReferences(html: string, pageFileName: string): string[] {
  const refs = [
    ...html.matchAll(SCRIPT),
    ...html.matchAll(LINK_REL_FIRST),
    ...html.matchAll(LINK_HREF_FIRST),
  ].map((m) => m[1]!)
  const local = refs
    .filter((ref) => !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('//'))
    .map((ref) => {
      const path = ref.split(/[?#]/)[0]!
      return path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(pageFileName), path)
    })
  return [...new Set(local)]
}
