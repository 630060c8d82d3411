import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { HistoryStore, MISSING_HTML_VALIDATE } from '@shipwatch/core'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build } from 'vite'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'

// As if the optional peer dependency were not installed: the validator rejects as core's does then (core's own test
// checks that error with html-validate's import failing). This package resolves another install of html-validate
// than core does, so the mock is on core's entry, not on html-validate.
vi.mock('@shipwatch/core/html', async (importOriginal) => {
  const html = await importOriginal<typeof import('@shipwatch/core/html')>()
  class MissingValidator extends html.HtmlValidator {
    override async validate(): Promise<never> {
      throw Object.assign(
        new Error('HTML validation needs html-validate: npm install --save-dev html-validate (not found)'),
        { code: MISSING_HTML_VALIDATE },
      )
    }
  }
  return { ...html, HtmlValidator: MissingValidator }
})

afterAll(removeFixtures)

async function viteBuild(root: string, validate: 'warn' | 'error') {
  const log = captureLogger()
  const result = await build({
    root,
    configFile: false,
    customLogger: log.logger as never,
    plugins: [buildMetrics({ html: { validate } })],
  }).catch((error: Error) => error)
  return { log, error: result instanceof Error ? result : null }
}

describe('html-validate not installed', () => {
  it("with validate: 'error' the build fails, saying how to install it, and is recorded as failed", async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    const { error, log } = await viteBuild(root, 'error')
    expect(error?.message).toMatch(
      /HTML validation needs html-validate: npm install --save-dev html-validate/,
    )
    expect(log.warn.some((w) => w.includes('Please report this'))).toBe(false)
    const record = new HistoryStore({ root }).latest()
    expect(record?.kind === 'build' && record.outcome).toMatchObject({
      result: 'failed',
      reasons: [{ kind: 'html', message: expect.stringMatching(/npm install --save-dev html-validate/) }],
    })
  })

  it("with validate: 'warn' the build succeeds with one warning saying how to install it", async () => {
    const root = copyFixture('two-pages', { modules: 1 })
    const { error, log } = await viteBuild(root, 'warn')
    expect(error).toBeNull()
    expect(existsSync(join(root, 'dist/index.html'))).toBe(true)
    expect(log.warn.filter((w) => w.includes('npm install --save-dev html-validate'))).toHaveLength(1)
  })
})
