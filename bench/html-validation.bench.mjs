// HTML validation of 1, 100 and 1,000 generated pages (Vite-like output, ≈3 kB each): cold, and again unchanged
// (content-hash cache). The first row includes loading html-validate.
import { HtmlValidator } from '@shipwatch/core'
import { ms, printTable } from './lib/measure.mjs'

function page(i) {
  const items = Array.from(
    { length: 30 },
    (_, k) => `      <li><a href="/docs/page-${(i + k) % 1000}.html">Page ${k}</a></li>`,
  ).join('\n')
  return `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <meta name="viewport" content="width=device-width, initial-scale=1.0" />\n    <title>Page ${i}</title>\n    <script type="module" crossorigin src="/assets/index-BxD2a1Qs.js"></script>\n    <link rel="stylesheet" crossorigin href="/assets/index-Cm1ZsNrA.css">\n  </head>\n  <body>\n    <main id="app">\n      <h1>Page ${i}</h1>\n      <ul>\n${items}\n      </ul>\n    </main>\n  </body>\n</html>\n`
}

export default async function htmlValidationBench() {
  const rows = [['pages', 'cold', 'per page', 'cached (unchanged)']]
  const files = new Set([
    'assets/index-BxD2a1Qs.js',
    'assets/index-Cm1ZsNrA.css',
    ...Array.from({ length: 1000 }, (_, i) => `docs/page-${i}.html`),
  ])
  for (const count of [1, 100, 1000]) {
    const validator = new HtmlValidator()
    const pages = Array.from({ length: count }, (_, i) => ({
      fileName: `docs/page-${i}.html`,
      html: page(i),
    }))
    let start = performance.now()
    const results = await validator.validate(pages, { files })
    const cold = performance.now() - start
    start = performance.now()
    await validator.validate(pages, { files })
    const cached = performance.now() - start
    if (results.some((r) => r.errors > 0)) throw new Error('generated pages should be valid')
    rows.push([String(count), ms(cold), ms(cold / count), ms(cached)])
  }
  printTable(
    'HTML validation (html-validate 10, bundler preset + local references + CSP report)',
    rows,
    'Each row starts a new validator, so every cold run includes loading html-validate.',
  )
}
