import { type BundleLike, readPublicFiles } from '@shipwatch/core/build'
import type { BuildSession } from './build-session.js'

import type { PluginState } from './plugin-state.js'

// The record keeps each page's counts and its first messages; the terminal gets them all.
const MAX_RECORDED_MESSAGES = 50

/**
 * After the bundle is written: validates every emitted HTML page and stores the results on the session. Returns what
 * to tell the user (messages point at the emitted file with a code frame) and whether the user's `'error'` setting
 * makes it fail the build.
 */
export async function validatePages(
  state: PluginState,
  session: BuildSession,
  bundle: BundleLike,
): Promise<{ summary: string; fail: boolean } | null> {
  const html = state.options.html!
  const pages = Object.values(bundle)
    .filter((item) => item.type === 'asset' && item.fileName.endsWith('.html'))
    .map((item) => ({
      fileName: item.fileName,
      html: Buffer.from((item as { source: string | Uint8Array }).source).toString('utf8'),
    }))
  if (pages.length === 0) return null
  const files = new Set(Object.keys(bundle))
  if (state.publicDir) for (const file of readPublicFiles(state.publicDir)) files.add(file.fileName)
  const results = await (await state.htmlValidator()).validate(pages, { files, base: state.base })
  const { codeFrame } = await import('@shipwatch/core/html')
  session.html = results.map((r) => ({ ...r, messages: r.messages.slice(0, MAX_RECORDED_MESSAGES) }))
  const byPage = new Map(pages.map((p) => [p.fileName, p.html]))
  const lines: string[] = []
  for (const result of results) {
    for (const m of result.messages) {
      if (m.severity !== 'error' && !m.ruleId.startsWith('shipwatch/csp')) continue
      lines.push(
        `${result.page}:${m.line}:${m.column} ${m.severity} ${m.message} (${m.ruleId})\n${codeFrame(byPage.get(result.page)!, m.line, m.column)}`,
      )
    }
  }
  const errors = results.reduce((sum, r) => sum + r.errors, 0)
  if (lines.length === 0) return null
  const head =
    errors > 0
      ? `HTML validation: ${errors} error(s) in ${results.filter((r) => r.errors > 0).length} of ${results.length} page(s)`
      : `HTML validation: all ${results.length} page(s) valid; notes for a strict Content-Security-Policy:`
  const summary = `${head}\n${lines.join('\n')}`
  return { summary, fail: errors > 0 && html.mode === 'error' }
}
