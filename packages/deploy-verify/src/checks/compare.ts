import { mad, median } from '@shipwatch/core'
import { initialReferences } from '@shipwatch/core/html'
import { type FetchOptions, fetchLimited, type HttpResult } from '../http/fetch-limited.js'
import type { Check, CheckContext, CheckOutcome } from '../runner/check.js'
import { GRADE_ORDER } from '../security/score-table.js'
import { gradeDeployment } from './security-headers.js'

export interface CompareOptions {
  /** The production deployment the candidate is compared with. */
  url: string
  /** Loads of each page on each deployment. @default 7 */
  runs?: number
  /** Slower than production by more than this share (and beyond the noise) fails. @default 0.2 */
  maxSlowdown?: number
}

type Fetch = (path: string, options?: FetchOptions) => Promise<HttpResult>

// MAD × 1.4826 estimates a standard deviation; a difference beyond two of them (both sides' spread) is not noise.
const MAD_TO_SD = 1.4826
const NOISE_SDS = 2
// A page and its scripts and styles, read whole: what a first visit downloads before it can run.
const MAX_PAGE_BYTES = 20_000_000

/**
 * Candidate against production: each page loaded `runs` times on both, interleaved (the order alternating each round,
 * so a slow minute on the network or the host hits both alike). Two figures per page: time to first byte of the
 * document, and the time to read the document and every script and stylesheet it loads at once. The candidate fails
 * when a median is slower by more than `maxSlowdown` and by more than the noise, or when its security grade is lower.
 */
export function compareCheck(
  options: CompareOptions,
  limits: { timeoutMs: number; pages?: string[] },
): Check {
  const runs = options.runs ?? 7
  const maxSlowdown = options.maxSlowdown ?? 0.2
  const pages = limits.pages ?? ['/']
  const production = options.url.replace(/\/$/, '')
  return {
    id: 'compare',
    title: 'Against production',
    // Every load of both deployments in one attempt; repeating the whole comparison would only double it.
    timeoutMs: limits.timeoutMs * runs * pages.length * 2,
    retries: 0,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const productionFetch: Fetch = (path, fetchOptions = {}) =>
        fetchLimited(new URL(path, `${production}/`).href, { ...fetchOptions, signal: context.signal })
      const samples = new Map<string, { candidate: number[]; production: number[] }>()
      const add = (key: string, side: 'candidate' | 'production', value: number) => {
        const entry = samples.get(key) ?? { candidate: [], production: [] }
        entry[side].push(value)
        samples.set(key, entry)
      }
      for (let round = 0; round < runs; round++) {
        for (const page of pages) {
          const order: ['candidate' | 'production', Fetch][] = [
            ['candidate', context.fetch],
            ['production', productionFetch],
          ]
          if (round % 2 === 1) order.reverse()
          for (const [side, fetch] of order) {
            const timing = await loadPage(fetch, page)
            add(`${page}\u0000ttfb`, side, timing.ttfbMs)
            add(`${page}\u0000load`, side, timing.loadMs)
          }
        }
      }
      const metrics = [...samples].map(([key, values]) => {
        const [page, metric] = key.split('\u0000') as [string, string]
        const candidateMs = median(values.candidate)
        const productionMs = median(values.production)
        const noiseMs = NOISE_SDS * MAD_TO_SD * Math.hypot(mad(values.candidate), mad(values.production))
        const change = productionMs > 0 ? candidateMs / productionMs - 1 : 0
        const slower = change > maxSlowdown && candidateMs - productionMs > noiseMs
        return { page, metric, candidateMs, productionMs, change, noiseMs, slower }
      })
      const grades = await Promise.all([
        gradeDeployment(context, {}).then(
          (g) => g.graded.grade,
          () => null,
        ),
        gradeDeployment({ baseUrl: production, signal: context.signal, fetch: productionFetch }, {}).then(
          (g) => g.graded.grade,
          () => null,
        ),
      ])
      const [candidateGrade, productionGrade] = grades
      const data = {
        kind: 'compare' as const,
        productionUrl: production,
        runs,
        metrics,
        candidateGrade,
        productionGrade,
      }
      const lines = metrics.map(
        (m) =>
          `${m.page} ${m.metric}: ${ms(m.candidateMs)} vs ${ms(m.productionMs)} in production (${signed(m.change)}, noise ±${ms(m.noiseMs)})${m.slower ? ' — slower' : ''}`,
      )
      const gradeLower =
        candidateGrade !== null &&
        productionGrade !== null &&
        GRADE_ORDER.indexOf(candidateGrade) < GRADE_ORDER.indexOf(productionGrade)
      const details = [
        ...lines,
        `security grade: ${candidateGrade ?? '?'} vs ${productionGrade ?? '?'} in production`,
      ]
      const slower = metrics.filter((m) => m.slower)
      if (slower.length > 0 || gradeLower) {
        const reasons = [
          ...slower.map(
            (m) =>
              `${m.page} ${m.metric} ${signed(m.change)} (${ms(m.candidateMs)} vs ${ms(m.productionMs)}, noise ±${ms(m.noiseMs)})`,
          ),
          ...(gradeLower ? [`security grade ${candidateGrade}, production has ${productionGrade}`] : []),
        ]
        return {
          status: 'fail',
          message: `worse than production: ${reasons.join('; ')}`,
          details,
          data,
        }
      }
      return {
        status: 'pass',
        message: `not slower than production beyond ${signed(maxSlowdown)} and the noise (${runs} interleaved runs), grade ${candidateGrade ?? '?'} vs ${productionGrade ?? '?'}`,
        details,
        data,
      }
    },
  }
}

/** One visit: the document, then every script and stylesheet it loads at once, in parallel. */
async function loadPage(fetch: Fetch, path: string): Promise<{ ttfbMs: number; loadMs: number }> {
  const start = performance.now()
  const page = await fetch(path, {
    headers: { accept: 'text/html', 'cache-control': 'no-cache' },
    maxBytes: MAX_PAGE_BYTES,
  })
  const name = path === '/' ? 'index.html' : path.replace(/^\//, '')
  const assets = page.status === 200 ? initialReferences(page.body.toString('utf8'), name) : []
  await Promise.all(assets.map((asset) => fetch(`/${asset}`, { maxBytes: MAX_PAGE_BYTES })))
  return { ttfbMs: page.ttfbMs, loadMs: performance.now() - start }
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}

function signed(share: number): string {
  return `${share >= 0 ? '+' : ''}${(share * 100).toFixed(0)} %`
}
