import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateReports, HistoryStore } from '@shipwatch/core'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../test-support/chromium.js'
import { fixedHistory } from '../../../test-support/history.js'

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
})
