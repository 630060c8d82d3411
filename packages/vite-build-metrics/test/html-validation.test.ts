import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BuildRecord } from '@shipwatch/core'
import { htmlValidateLoaded } from '@shipwatch/core/html'
import buildMetrics from '@shipwatch/vite-build-metrics/vite'
import { build as build8 } from 'vite'
import { build as build7 } from 'vite7'
import { afterAll, describe, expect, it } from 'vitest'
import { captureLogger } from '../../../test-support/capture-logger.js'
import { copyFixture, readJson, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

function brokenApp() {
  const root = copyFixture('two-pages', { modules: 1 })
  const about = join(root, 'about.html')
  writeFileSync(
    about,
    readFileSync(about, 'utf8').replace(
      '<div id="about"></div>',
      '<div id="about"></div>\n    <div id="about"></div>',
    ),
  )
  return root
}

const input = (root: string) => ({ index: join(root, 'index.html'), about: join(root, 'about.html') })

describe('HTML validation in the build', () => {
  // First in this file: nothing has loaded html-validate yet in this test process.
  it('never loads html-validate when validation is off', async () => {
    const root = brokenApp()
    await build8({
      root,
      configFile: false,
      logLevel: 'silent',
      build: { rollupOptions: { input: input(root) } },
      plugins: [buildMetrics()],
    })
    expect(htmlValidateLoaded()).toBe(false)
  })

  for (const [label, build] of [
    ['Vite 8', build8],
    ['Vite 7', build7],
  ] as const) {
    it(`${label}: 'error' fails the build, naming the page, line, rule and a code frame`, async () => {
      const root = brokenApp()
      const error = await (build as typeof build8)({
        root,
        configFile: false,
        logLevel: 'silent',
        build: { rollupOptions: { input: input(root) } },
        plugins: [buildMetrics({ html: { validate: 'error' } }) as never],
      }).catch((e: Error) => e)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toMatch(/HTML validation: 1 error\(s\) in 1 of 2 page\(s\)/)
      expect((error as Error).message).toMatch(/about\.html:\d+:\d+ error Duplicate ID "about" \(no-dup-id\)/)
      expect((error as Error).message).toMatch(/> +\d+ \| +<div id="about"><\/div>/)
      expect(htmlValidateLoaded()).toBe(true)
      // Recorded as failed, with the validation's verdict as the reason.
      const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
      expect(record.outcome).toEqual({
        result: 'failed',
        reasons: [{ kind: 'html', message: 'HTML validation: 1 error(s) in 1 of 2 page(s)' }],
      })
    })

    it(`${label}: 'warn' warns, succeeds, and records the results`, async () => {
      const root = brokenApp()
      const log = captureLogger()
      await (build as typeof build8)({
        root,
        configFile: false,
        customLogger: log.logger as never,
        build: { rollupOptions: { input: input(root) } },
        plugins: [buildMetrics({ html: { validate: 'warn' } }) as never],
      })
      expect(log.warn.join('\n')).toMatch(/no-dup-id/)
      const record = readJson<BuildRecord>(join(root, 'test-artifacts/build-metrics/latest.json'))
      const about = record.html!.find((h) => h.page === 'about.html')!
      expect(about.errors).toBe(1)
      expect(about.messages[0]).toMatchObject({
        ruleId: 'no-dup-id',
        severity: 'error',
        selector: expect.any(String),
      })
      expect(record.html!.find((h) => h.page === 'index.html')!.errors).toBe(0)
    })
  }

  it('the example app has no HTML errors', async () => {
    const root = new URL('../../../examples/vite-app/', import.meta.url).pathname
    const log = captureLogger()
    await build8({
      root,
      configFile: false,
      customLogger: log.logger as never,
      build: {
        outDir: join(copyFixture('library', { modules: 0 }), 'out'),
        rollupOptions: { input: input(root) },
      },
      plugins: [buildMetrics({ html: { validate: 'error' }, record: false })],
    })
    // 'error' would have thrown; the only notes are CSP warnings (Vite inlines the small logo as a data: URI).
    const notes = log.warn.filter((w) => w.includes('HTML validation'))
    expect(notes.join('\n')).not.toMatch(/ error /)
  })
})
