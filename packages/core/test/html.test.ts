import { readFileSync } from 'node:fs'
import { cspHash, cspReport, HtmlValidator, resolveLocal } from '@shipwatch/core/html'
import { describe, expect, it, vi } from 'vitest'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/html/${name}`, import.meta.url), 'utf8')
const files = new Set([
  'assets/style.css',
  'assets/logo.png',
  'assets/index-BxD2a1Qs.js',
  'assets/index-Cm1ZsNrA.css',
  'vite.svg',
])

async function messagesOf(name: string) {
  const [result] = await new HtmlValidator().validate([{ fileName: name, html: fixture(name) }], { files })
  return result!.messages.filter((m) => m.severity === 'error').map((m) => [m.ruleId, m.line, m.column])
}

describe('HTML validation of bundler output', () => {
  it('gives each problem its exact rule and location', async () => {
    expect(await messagesOf('duplicate-id.html')).toEqual([['no-dup-id', 9, 14]])
    expect(await messagesOf('missing-title.html')).toEqual([['element-required-content', 3, 4]])
    expect(await messagesOf('missing-lang.html')).toEqual([['element-required-attributes', 2, 2]])
    // The unclosed <span> is named first, at its own position; the cascade of implicit closes follows from it.
    const unclosed = await messagesOf('unclosed.html')
    expect(unclosed.filter(([rule]) => rule === 'close-order')[0]).toEqual(['close-order', 8, 9])
    expect(await messagesOf('broken-asset.html')).toEqual([['shipwatch/local-reference', 9, 15]])
  })

  it('passes the stock create-vite page', async () => {
    expect(await messagesOf('create-vite.html')).toEqual([])
  })

  it('answers unchanged pages from its cache', async () => {
    const validator = new HtmlValidator()
    const page = { fileName: 'a.html', html: fixture('create-vite.html') }
    const [first] = await validator.validate([page], { files })
    expect(validator.markupValidations).toBe(1)
    const [second] = await validator.validate([{ ...page, fileName: 'b.html' }], { files })
    expect(validator.markupValidations).toBe(1)
    expect(second!.messages).toEqual(first!.messages)
  })

  it('resolves local references against base and page folder, ignoring external ones', () => {
    expect(resolveLocal('index.html', '/assets/a.js', '/')).toBe('assets/a.js')
    expect(resolveLocal('docs/page.html', '../img/x.png?v=1#top', '/')).toBe('img/x.png')
    expect(resolveLocal('index.html', '/app/assets/a.js', '/app/')).toBe('assets/a.js')
    expect(resolveLocal('index.html', '/assets/a.js', '/app/')).toBe('assets/a.js')
    expect(resolveLocal('index.html', 'https://cdn.example/x.js', '/')).toBeNull()
    expect(resolveLocal('index.html', 'data:image/png;base64,AAAA', '/')).toBeNull()
    expect(resolveLocal('index.html', '#main', '/')).toBeNull()
    expect(resolveLocal('index.html', '/docs/', '/')).toBe('docs/index.html')
  })
})

describe('CSP report', () => {
  it('lists inline scripts with their hashes, inline styles, style attributes and data: URIs', () => {
    const html = `<!doctype html><html><head><style>body{color:red}</style><script type="application/ld+json">{}</script></head><body style="margin:0"><img src="data:image/png;base64,AAAA" alt=""><script>console.log('hi')</script></body></html>`
    const { report, messages } = cspReport(html)
    expect(report.scriptHashes).toEqual([cspHash("console.log('hi')")])
    expect(report.styleHashes).toEqual([cspHash('body{color:red}')])
    expect(report.styleAttributes).toBe(1)
    expect(report.dataUris).toBe(1)
    expect(messages.find((m) => m.ruleId === 'shipwatch/csp-inline-script')!.message).toMatch(
      /script-src 'sha256-/,
    )
  })
})

describe('many pages', () => {
  it('validates them on worker threads with the same results as in-thread', async () => {
    const pages = Array.from({ length: 20 }, (_, i) => ({
      fileName: `p${i}.html`,
      html: fixture(i % 2 ? 'duplicate-id.html' : 'create-vite.html').replace(
        '</body>',
        `<p>${i}</p></body>`,
      ),
    }))
    const parallel = new HtmlValidator({ workerThreshold: 16 })
    const inWorkers = await parallel.validate(pages, { files })
    expect(parallel.workerBatches).toBe(1)
    const single = new HtmlValidator()
    const one = await single.validate([pages[1]!], { files })
    expect(single.workerBatches).toBe(0)
    expect(inWorkers[1]).toEqual(one[0])
    expect(inWorkers.filter((r) => r.errors === 1)).toHaveLength(10)
    expect(inWorkers.filter((r) => r.errors === 0)).toHaveLength(10)
  })
})

describe('html-validate not installed', () => {
  it('rejects with the install command and a code the plugins recognise', async () => {
    vi.doMock('html-validate', () => {
      throw Object.assign(new Error("Cannot find package 'html-validate'"), { code: 'ERR_MODULE_NOT_FOUND' })
    })
    vi.resetModules()
    try {
      const { HtmlValidator } = await import('@shipwatch/core/html')
      const { MISSING_HTML_VALIDATE } = await import('@shipwatch/core')
      const page = { fileName: 'a.html', html: '<!doctype html><html lang="en"><title>x</title></html>' }
      const error = await new HtmlValidator().validate([page], { files: new Set() }).catch((e: Error) => e)
      expect(error).toMatchObject({
        code: MISSING_HTML_VALIDATE,
        message: expect.stringMatching(
          /^HTML validation needs html-validate: npm install --save-dev html-validate/,
        ),
      })
    } finally {
      vi.doUnmock('html-validate')
      vi.resetModules()
    }
  })
})
