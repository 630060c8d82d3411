import { posix } from 'node:path'

const SCRIPT = /<script\b[^>]*\bsrc=["']([^"']+)["']/gi
const LINK_REL_FIRST = /<link\b[^>]*\brel=["'](?:modulepreload|stylesheet)["'][^>]*\bhref=["']([^"']+)["']/gi
const LINK_HREF_FIRST = /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["'](?:modulepreload|stylesheet)["']/gi

/**
 * The files a page loads up front, read from its HTML: scripts, modulepreloads and stylesheets — what Vite writes for
 * the entry chunk, its static imports and their CSS. Local ones only, as paths relative to the site root.
 *
 * With `known` (the build's file names), every reference is matched to a file of the build whatever the app's
 * `base` was: `/app/assets/x.js` and `https://cdn.example.com/app/assets/x.js` both find `assets/x.js`, by the
 * longest tail of their path that names a file.
 */
export function initialReferences(html: string, pageFileName: string, known?: ReadonlySet<string>): string[] {
  const refs = [
    ...html.matchAll(SCRIPT),
    ...html.matchAll(LINK_REL_FIRST),
    ...html.matchAll(LINK_HREF_FIRST),
  ].map((m) => m[1]!)
  const files = known
    ? refs.map((ref) => locate(ref, pageFileName, known)).filter((f): f is string => f !== null)
    : refs
        .filter((ref) => !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('//'))
        .map((ref) => {
          const path = ref.split(/[?#]/)[0]!
          return path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(pageFileName), path)
        })
  return [...new Set(files)]
}

function locate(ref: string, pageFileName: string, known: ReadonlySet<string>): string | null {
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//') || ref.startsWith('/')
  if (!absolute) {
    const relative = posix.normalize(posix.join(posix.dirname(pageFileName), ref.split(/[?#]/)[0]!))
    return known.has(relative) ? relative : null
  }
  if (!URL.canParse(ref, 'https://page.invalid/')) return null
  const segments = decodeURI(new URL(ref, 'https://page.invalid/').pathname).split('/').filter(Boolean)
  for (let i = 0; i < segments.length; i++) {
    const tail = segments.slice(i).join('/')
    if (known.has(tail)) return tail
  }
  return null
}
