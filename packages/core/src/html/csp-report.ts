import { createHash } from 'node:crypto'
import type { HtmlMessage } from '../schema/build-record.js'
import { positionOf } from './positions.js'

export interface CspReport {
  /** `'sha256-…'` sources that would allow each inline script under a strict script-src. */
  scriptHashes: string[]
  /** Likewise for inline `<style>` elements under style-src. */
  styleHashes: string[]
  /** `style=""` attributes: need 'unsafe-hashes' with their hashes, or 'unsafe-inline'. */
  styleAttributes: number
  /** data: URIs in src/href: need `data:` in the matching directive. */
  dataUris: number
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)([^>]*)>([\s\S]*?)<\/script>/gi
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi
const STYLE_ATTRIBUTE = /<[a-z][^>]*\sstyle\s*=\s*["']/gi
const DATA_URI = /\s(?:src|href)\s*=\s*["']\s*data:/gi
const DATA_BLOCK = /\btype\s*=\s*["']?(application\/(?:ld\+)?json|importmap|text\/template)/i

/** The `'sha256-…'` source a browser computes for an inline script or style: sha256 of its exact text, base64. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`
}

/** What a strict Content-Security-Policy would block in a page, with the hashes that would allow it. */
export function cspReport(html: string): { report: CspReport; messages: HtmlMessage[] } {
  const messages: HtmlMessage[] = []
  const scriptHashes: string[] = []
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (DATA_BLOCK.test(match[1]!) || match[2] === '') continue
    const hash = cspHash(match[2]!)
    scriptHashes.push(hash)
    messages.push({
      ruleId: 'shipwatch/csp-inline-script',
      severity: 'warning',
      message: `inline script is blocked by a strict CSP; allow it with script-src ${hash}`,
      ...positionOf(html, match.index!),
      selector: 'script',
    })
  }
  const styleHashes = [...html.matchAll(INLINE_STYLE)].map((m) => cspHash(m[1]!))
  for (const hash of styleHashes) {
    messages.push({
      ruleId: 'shipwatch/csp-inline-style',
      severity: 'warning',
      message: `inline style needs style-src ${hash}`,
      line: 1,
      column: 1,
      selector: 'style',
    })
  }
  const styleMatches = [...html.matchAll(STYLE_ATTRIBUTE)]
  const styleAttributes = styleMatches.length
  if (styleAttributes > 0) {
    messages.push({
      ruleId: 'shipwatch/csp-style-attribute',
      severity: 'warning',
      message: `${styleAttributes} style="" attribute(s) need 'unsafe-hashes' or 'unsafe-inline' in style-src (first here)`,
      ...positionOf(html, styleMatches[0]!.index!),
      selector: null,
    })
  }
  const dataMatches = [...html.matchAll(DATA_URI)]
  const dataUris = dataMatches.length
  if (dataUris > 0) {
    messages.push({
      ruleId: 'shipwatch/csp-data-uri',
      severity: 'warning',
      message: `${dataUris} data: URI(s) need data: in img-src/font-src/… (first here)`,
      ...positionOf(html, dataMatches[0]!.index! + 1),
      selector: null,
    })
  }
  return { report: { scriptHashes, styleHashes, styleAttributes, dataUris }, messages }
}
