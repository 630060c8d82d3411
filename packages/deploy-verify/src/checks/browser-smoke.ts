import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_HISTORY_DIR } from '@shipwatch/core'
import { HttpError } from '../http/fetch-limited.js'
import {
  type Check,
  type CheckContext,
  type CheckMode,
  type CheckOutcome,
  unavailable,
} from '../runner/check.js'

export interface SmokePage {
  path: string
  /** A selector that must become visible. */
  selector?: string
  /** Text that must be on the page. */
  text?: string
}

export interface SmokeOptions {
  /** @default [{ path: '/' }] */
  pages?: (SmokePage | string)[]
  /** @default 1500 */
  fcpMs?: number
  /** @default 2500 */
  lcpMs?: number
  /** @default 0.1 */
  cls?: number
  /** Where screenshots go. @default 'test-artifacts/build-metrics/screenshots' */
  screenshotDir?: string
  /** Chromium to drive. @default CHROME_PATH, else the usual system locations */
  chromePath?: string
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]
// Without these, Chromium reaches for the network at start-up (and CI machines may have none).
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The configured Chromium (never silently replaced), else CHROME_PATH, else the usual system places. */
export function findChromium(env: NodeJS.ProcessEnv, configured?: string): string | null {
  if (configured) return existsSync(configured) ? configured : null
  for (const path of [env.CHROME_PATH, ...CANDIDATES]) if (path && existsSync(path)) return path
  return null
}

/**
 * Loads each page in a real Chromium: no console errors, no uncaught exceptions, no failed same-origin requests,
 * the expected selector and text, FCP/LCP/CLS/TTFB within budgets; a screenshot per page. The bypass secret, when
 * set, goes only to the deployment's own origin.
 */
export function browserSmokeCheck(
  options: SmokeOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
  secret: string | undefined,
  limits: { timeoutMs: number; retries: number },
  mode: CheckMode = 'required',
): Check {
  const pages = (options.pages ?? ['/']).map((p) => (typeof p === 'string' ? { path: p } : p))
  return {
    id: 'smoke',
    title: 'Browser smoke',
    timeoutMs: Math.max(limits.timeoutMs, 30_000),
    retries: limits.retries,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const executablePath = findChromium(env, options.chromePath)
      if (!executablePath) {
        const where = options.chromePath ? ` at ${options.chromePath}` : ''
        return unavailable(mode, `no Chromium found${where}: apt-get install chromium (or set CHROME_PATH)`)
      }
      let playwright: typeof import('playwright-core')
      try {
        playwright = await import('playwright-core')
      } catch {
        return unavailable(
          mode,
          'the browser smoke test needs playwright-core: npm install --save-dev playwright-core',
        )
      }
      const browser = await playwright.chromium.launch({ executablePath, args: CHROMIUM_FLAGS })
      context.signal.addEventListener('abort', () => void browser.close())
      try {
        const results = []
        for (const page of pages) results.push(await smokePage(browser, context, page))
        const problems = results.flatMap((r) => r.problems.map((p) => `${r.path}: ${p}`))
        const metrics = Object.assign({}, ...results.map((r) => r.metrics))
        const slow = results.flatMap((r) => r.slow.map((s) => `${r.path}: ${s}`))
        const data = {
          kind: 'smoke' as const,
          pages: results.flatMap((r) => (r.page ? [{ ...r.page, screenshot: r.screenshot }] : [])),
        }
        if (problems.length > 0)
          return { status: 'fail', message: problems[0]!, details: [...problems, ...slow], metrics, data }
        if (slow.length > 0) return { status: 'warn', message: slow[0]!, details: slow, metrics, data }
        return {
          status: 'pass',
          message: `${results.length} page(s) load cleanly`,
          details: results.map((r) => `${r.path}: screenshot ${r.screenshot}`),
          metrics,
          data,
        }
      } finally {
        await browser.close()
      }
    },
  }

  async function smokePage(
    browser: import('playwright-core').Browser,
    context: CheckContext,
    spec: SmokePage,
  ) {
    const baseUrl = context.baseUrl
    const origin = new URL(baseUrl).origin
    // A page too big for a person's browser is not opened in ours: an endless response would take Chromium's memory.
    const tooBig = await documentTooBig(context, spec.path)
    if (tooBig)
      return { path: spec.path, problems: [tooBig], slow: [], metrics: {}, screenshot: null, page: null }
    const tab = await browser.newPage()
    const problems: string[] = []
    // Chromium asks for /favicon.ico on its own; a site without one is not broken.
    const implicit = (url: string) => new URL(url).pathname === '/favicon.ico'
    tab.on('console', (m) => {
      if (m.type() === 'error' && !implicit(m.location().url || baseUrl))
        problems.push(`console error: ${m.text()}`)
    })
    tab.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`))
    tab.on('requestfailed', (r) => {
      if (new URL(r.url()).origin === origin && !implicit(r.url()))
        problems.push(
          `request failed: ${r.url().slice(origin.length)} (${r.failure()?.errorText ?? 'failed'})`,
        )
    })
    tab.on('response', (r) => {
      if (new URL(r.url()).origin === origin && r.status() >= 400 && !implicit(r.url()))
        problems.push(`request failed: ${r.url().slice(origin.length)} (${r.status()})`)
    })
    if (secret) {
      await tab.route('**/*', (route) => {
        const request = route.request()
        const headers =
          new URL(request.url()).origin === origin
            ? { ...request.headers(), 'x-vercel-protection-bypass': secret }
            : request.headers()
        return route.continue({ headers })
      })
    }
    await tab.goto(new URL(spec.path, `${baseUrl}/`).href, { waitUntil: 'load' })
    if (
      spec.selector &&
      !(await tab
        .locator(spec.selector)
        .first()
        .isVisible()
        .catch(() => false))
    ) {
      await tab
        .waitForSelector(spec.selector, { state: 'visible', timeout: 2_000 })
        .catch(() => problems.push(`expected selector ${spec.selector} is not visible`))
    }
    if (spec.text && !((await tab.textContent('body')) ?? '').includes(spec.text))
      problems.push(`expected text "${spec.text}" is not on the page`)
    const vitals = (await tab.evaluate(MEASURE_VITALS)) as {
      fcp: number | null
      lcp: number | null
      cls: number
      ttfb: number
    }
    const slow: string[] = []
    if (vitals.fcp !== null && vitals.fcp > (options.fcpMs ?? 1500))
      slow.push(`FCP ${Math.round(vitals.fcp)} ms over ${options.fcpMs ?? 1500} ms`)
    if (vitals.lcp !== null && vitals.lcp > (options.lcpMs ?? 2500))
      slow.push(`LCP ${Math.round(vitals.lcp)} ms over ${options.lcpMs ?? 2500} ms`)
    if (vitals.cls > (options.cls ?? 0.1))
      slow.push(`CLS ${vitals.cls.toFixed(3)} over ${options.cls ?? 0.1}`)
    const dir = join(cwd, options.screenshotDir ?? join(DEFAULT_HISTORY_DIR, 'screenshots'))
    mkdirSync(dir, { recursive: true })
    const screenshot = join(
      dir,
      `${spec.path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'index'}.png`,
    )
    await tab.screenshot({ path: screenshot, fullPage: true })
    await tab.close()
    const metrics: Record<string, number> = {
      [`ttfbMs ${spec.path}`]: Math.round(vitals.ttfb),
      [`cls ${spec.path}`]: vitals.cls,
    }
    if (vitals.fcp !== null) metrics[`fcpMs ${spec.path}`] = Math.round(vitals.fcp)
    if (vitals.lcp !== null) metrics[`lcpMs ${spec.path}`] = Math.round(vitals.lcp)
    const page = {
      path: spec.path,
      ttfbMs: Math.max(0, Math.round(vitals.ttfb)),
      fcpMs: vitals.fcp === null ? null : Math.round(vitals.fcp),
      lcpMs: vitals.lcp === null ? null : Math.round(vitals.lcp),
      cls: vitals.cls,
    }
    return { path: spec.path, problems, slow, metrics, screenshot, page }
  }
}

/** The most a page's HTML may weigh before the browser opens it. */
const MAX_DOCUMENT_BYTES = 5_000_000

async function documentTooBig(context: CheckContext, path: string): Promise<string | null> {
  try {
    await context.fetch(path, { headers: { accept: 'text/html' }, maxBytes: MAX_DOCUMENT_BYTES })
    return null
  } catch (error) {
    if (error instanceof HttpError && error.kind === 'too-large')
      return `${path} sends more than ${MAX_DOCUMENT_BYTES / 1_000_000} MB of HTML: not opened in the browser`
    return null // the browser's own load reports anything else, as it sees it
  }
}

/** Runs in the page: paint timings, LCP and CLS from buffered observers, TTFB from navigation timing. */
const MEASURE_VITALS = `new Promise((resolve) => {
  let lcp = null
  let cls = 0
  new PerformanceObserver((list) => { for (const e of list.getEntries()) lcp = e.startTime })
    .observe({ type: 'largest-contentful-paint', buffered: true })
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value })
    .observe({ type: 'layout-shift', buffered: true })
  setTimeout(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]
    const nav = performance.getEntriesByType('navigation')[0]
    resolve({ fcp: paint ? paint.startTime : null, lcp, cls, ttfb: nav ? nav.responseStart - nav.requestStart : 0 })
  }, 200)
})`
