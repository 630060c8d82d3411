import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { HtmlMessage, HtmlResult } from '../schema/build-record.js'
import { cspReport } from './csp-report.js'
import { checkLocalReferences } from './local-references.js'
import { MISSING_HTML_VALIDATE } from './missing-validator.js'
import { BUNDLER_OUTPUT_PRESET } from './preset.js'
import { type RawMessage, validateInWorkers } from './validate-in-workers.js'

export interface HtmlValidatorOptions {
  /** Project root: its `.htmlvalidate.json`, when present, replaces the preset. */
  root?: string
  /** html-validate configuration to use instead of the preset (and of `.htmlvalidate.json`). */
  config?: Record<string, unknown>
  /**
   * From this many uncached pages on, validate on worker threads. Each worker loads html-validate (≈ 350 ms), so
   * below ≈ 200 pages one thread is faster on a 2-core machine. @default 200
   */
  workerThreshold?: number
}

export interface HtmlPage {
  fileName: string
  html: string
}

let loaded = false

/** Whether html-validate has been imported in this process (validation off must never load it). */
export function htmlValidateLoaded(): boolean {
  return loaded
}

interface ValidatorLike {
  validateString(text: string, filename: string): Promise<{ results: { messages: RawMessage[] }[] }>
}

/**
 * Validates pages with html-validate (imported on first use), plus the checks no validator makes: local references
 * that resolve to nothing, and what a strict CSP would block. A page whose content was validated before is answered
 * from the cache.
 */
export class HtmlValidator {
  readonly config: Record<string, unknown>
  readonly #cache = new Map<string, HtmlMessage[]>()
  /** How many times pages went to worker threads (for tests and debugging). */
  workerBatches = 0
  /** How many pages html-validate checked on this thread; cached pages do not count (for tests and debugging). */
  markupValidations = 0
  #validator: Promise<ValidatorLike> | null = null

  readonly #workerThreshold: number

  constructor(options: HtmlValidatorOptions = {}) {
    this.#workerThreshold = options.workerThreshold ?? 200
    this.config =
      options.config ??
      projectConfig(options.root) ??
      (BUNDLER_OUTPUT_PRESET as unknown as Record<string, unknown>)
  }

  async validate(
    pages: HtmlPage[],
    context: { files: ReadonlySet<string>; base?: string },
  ): Promise<HtmlResult[]> {
    await this.#validateManyInWorkers(pages)
    const results = await Promise.all(
      pages.map(async (page) => {
        const messages = [
          ...(await this.#validateMarkup(page)),
          ...checkLocalReferences(page.fileName, page.html, context.files, context.base),
          ...cspReport(page.html).messages,
        ].sort((a, b) => a.line - b.line || a.column - b.column)
        return {
          page: page.fileName,
          errors: messages.filter((m) => m.severity === 'error').length,
          warnings: messages.filter((m) => m.severity === 'warning').length,
          messages,
        }
      }),
    )
    return results
  }

  /** Many uncached pages go to worker threads; the results land in the cache the per-page path reads. */
  async #validateManyInWorkers(pages: HtmlPage[]): Promise<void> {
    const uncached = pages.filter((p) => !this.#cache.has(cacheKey(p.html)))
    if (uncached.length < this.#workerThreshold) return
    const raw = await validateInWorkers(uncached, this.config)
    loaded = true
    this.workerBatches++
    for (const [i, page] of uncached.entries()) this.#cache.set(cacheKey(page.html), raw[i]!.map(toMessage))
  }

  async #validateMarkup(page: HtmlPage): Promise<HtmlMessage[]> {
    const key = cacheKey(page.html)
    const cached = this.#cache.get(key)
    if (cached) return cached
    const validator = await this.#load()
    this.markupValidations++
    const report = await validator.validateString(page.html, page.fileName)
    const messages = report.results.flatMap((r) => r.messages.map(toMessage))
    this.#cache.set(key, messages)
    return messages
  }

  #load(): Promise<ValidatorLike> {
    this.#validator ??= import('html-validate').then(
      ({ HtmlValidate }) => {
        loaded = true
        return new HtmlValidate(this.config as never) as unknown as ValidatorLike
      },
      (error: Error) => {
        throw Object.assign(
          new Error(
            `HTML validation needs html-validate: npm install --save-dev html-validate (${error.message})`,
          ),
          { code: MISSING_HTML_VALIDATE },
        )
      },
    )
    return this.#validator
  }
}

function cacheKey(html: string): string {
  return createHash('sha256').update(html).digest('base64url')
}

function toMessage(m: RawMessage): HtmlMessage {
  return {
    ruleId: m.ruleId,
    severity: m.severity >= 2 ? 'error' : 'warning',
    message: m.message,
    line: m.line,
    column: m.column,
    selector: m.selector ?? null,
  }
}

function projectConfig(root: string | undefined): Record<string, unknown> | null {
  if (!root) return null
  const file = join(root, '.htmlvalidate.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null
}
