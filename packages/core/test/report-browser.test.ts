import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  type BuildRecord,
  buildTrendReport,
  type DeployRecord,
  generateReports,
  HistoryStore,
  renderHtml,
} from '@shipwatch/core'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test-support/chromium.js'
import { fixedHistory } from '../../../test-support/history.js'
import { sampleBuildRecord, sampleDeployRecord } from '../../../test-support/records.js'

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
const temp = mkdtempSync(join(tmpdir(), 'shipwatch-html-'))
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  rmSync(temp, { recursive: true, force: true })
})

describe('report.html in Chromium', () => {
  it('draws its charts, loads nothing from the network, logs no errors, and keeps hostile text as text', async () => {
    const store = new HistoryStore({ dir: temp })
    for (const record of fixedHistory({ subject: HOSTILE })) await store.append(record)
    const { files } = generateReports({ historyDir: temp })

    const page = await browser.newPage()
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url())
    })
    await page.goto(pathToFileURL(files.html).href)

    const charts = await page.$$eval('svg', (svgs) =>
      svgs.map((svg) => svg.querySelectorAll('polyline, polygon, circle').length),
    )
    expect(charts.length).toBeGreaterThanOrEqual(3)
    expect(charts.filter((count) => count > 0).length).toBe(charts.length)
    expect(await page.$$('img')).toHaveLength(0)
    expect(await page.$$('script')).toHaveLength(0)
    expect(await page.title()).not.toBe('pwned')
    expect(await page.textContent('body')).toContain('<img src=x onerror=')
    expect(problems).toEqual([])
    expect(requests).toEqual([])

    const shots = join(process.cwd(), 'test-artifacts/screenshots')
    mkdirSync(shots, { recursive: true })
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true })
    await page.close()
  })

  it('escapes every string of every record: hostile values in all fields open no dialog and load nothing', async () => {
    const build = sampleBuildRecord({
      budgets: [
        { rule: 'r', target: 't', status: 'fail', actual: 2, limit: 1, message: 'm', details: ['d'] },
      ],
      html: [
        {
          page: 'index.html',
          errors: 1,
          warnings: 0,
          messages: [{ ruleId: 'x', severity: 'error', message: 'm', line: 1, column: 1, selector: 's' }],
        },
      ],
    })
    // Every string leaf becomes the payload, enums and ids included (the renderer must not trust the schema),
    // except `kind`, which says which renderer section a record belongs to.
    const hostileBuild = poison(build) as BuildRecord
    const hostileDeploy = poison(sampleDeployRecord()) as DeployRecord
    const previous = sampleBuildRecord({ createdAt: '2026-01-01T00:00:00.000Z' })
    const report = buildTrendReport([previous, hostileBuild, hostileDeploy])
    expect(report.current).toBe(hostileBuild)
    const file = join(temp, 'hostile.html')
    writeFileSync(file, renderHtml(report, PAYLOAD))

    const page = await browser.newPage()
    const dialogs: string[] = []
    const requests: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url())
    })
    await page.goto(pathToFileURL(file).href)
    await page.waitForTimeout(200)
    expect(dialogs).toEqual([])
    expect(requests).toEqual([])
    expect(await page.$$('img, script, body svg[onload]')).toHaveLength(0)
    // The payload is on the page as text: in the budget, HTML-validation and deploy tables.
    const text = (await page.textContent('body')) ?? ''
    expect(text.split('<img src=x onerror=alert(1)>').length - 1).toBeGreaterThanOrEqual(5)
    await page.close()
  })

  it('renders no history line that fails the schema: a hostile status is a warning, not a row', async () => {
    const dir = join(temp, 'hostile-history')
    mkdirSync(dir, { recursive: true })
    const bad = sampleBuildRecord({
      budgets: [
        {
          rule: 'r',
          target: 't',
          status: '"><img src=x onerror=alert(1)>' as 'fail',
          actual: 2,
          limit: 1,
          message: 'm',
        },
      ],
    })
    writeFileSync(
      join(dir, 'history.jsonl'),
      `${JSON.stringify(sampleBuildRecord())}\n${JSON.stringify(bad)}\n`,
    )
    const warnings: string[] = []
    const { report, files } = generateReports({ historyDir: dir, onWarning: (w) => warnings.push(w.reason) })
    expect(report.current?.id).not.toBe(bad.id)
    expect(warnings).toEqual([expect.stringContaining('budgets.0.status')])
    expect(readFileSync(files.html, 'utf8')).not.toContain('onerror')
  })
})

// Quote-breaking payloads for element content, double- and single-quoted attributes.
const PAYLOAD = `"><img src=x onerror=alert(1)>'><svg onload=alert(2)><script>alert(3)</script>`

function poison(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key === 'kind' ? value : PAYLOAD
  if (Array.isArray(value)) return value.map((item) => poison(item))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]))
  return value
}
