import {
  type BudgetFile,
  type BudgetRule,
  DEFAULT_RULES,
  evaluateBudgets,
  formatBytes,
  outputKind,
  resolveCompression,
  resolveRules,
  SizeCalculator,
} from '@shipwatch/core'
import { initialReferences } from '@shipwatch/core/html'
import type { Check, CheckOutcome } from '../runner/check.js'

/**
 * What users actually download: each page and the scripts, modulepreloads and stylesheets it loads, fetched with
 * `Accept-Encoding: br, gzip` (transferred and decoded bytes recorded), judged by the project's budget rules.
 */
export function servedBundleCheck(
  options: { pages?: string[]; budgets?: BudgetRule[] },
  limits: { timeoutMs: number; retries: number },
): Check {
  const rules = resolveRules(options.budgets ?? DEFAULT_RULES)
  const pages = options.pages ?? ['/']
  return {
    id: 'bundle',
    title: 'Served bundle',
    ...limits,
    async run(context): Promise<CheckOutcome> {
      const sizes = new SizeCalculator({
        compression: resolveCompression({ brotli: rules.some((r) => r.compression === 'brotli') }),
        workers: 0,
      })
      const files = new Map<string, BudgetFile>()
      const metrics: Record<string, number> = {}
      const inputPages: { html: string; files: string[] }[] = []
      const servedPages: { path: string; transferredBytes: number; decodedBytes: number }[] = []
      try {
        for (const path of pages) {
          const page = await context.getRaw(path)
          if (page.status !== 200) return { status: 'fail', message: `${path} answered ${page.status}` }
          const pageName = path === '/' ? 'index.html' : path.replace(/^\//, '')
          const assets = initialReferences(page.body.toString('utf8'), pageName)
          const served = await Promise.all(
            assets.map(async (asset) => ({ asset, response: await context.getRaw(`/${asset}`) })),
          )
          const missing = served
            .filter((s) => s.response.status !== 200)
            .map((s) => `${s.asset} (${s.response.status})`)
          if (missing.length > 0)
            return {
              status: 'fail',
              message: `${path} loads files the deployment does not serve`,
              details: missing,
            }
          for (const { asset, response } of served) {
            files.set(asset, {
              fileName: asset,
              kind: outputKind(asset),
              isEntry: false,
              name: null,
              modules: [],
              ...(await sizes.measure(response.body)),
            })
          }
          const transferred = served.reduce((sum, s) => sum + s.response.transferred, 0)
          const decoded = served.reduce((sum, s) => sum + s.response.body.length, 0)
          metrics[`transferred ${path}`] = transferred
          metrics[`decoded ${path}`] = decoded
          servedPages.push({ path, transferredBytes: transferred, decodedBytes: decoded })
          inputPages.push({ html: pageName, files: assets })
        }
      } finally {
        await sizes.close()
      }
      const outcomes = evaluateBudgets(
        rules,
        { files: [...files.values()], pages: inputPages, entries: [] },
        null,
      )
      const failed = outcomes.filter((o) => o.status === 'fail')
      const warned = outcomes.filter((o) => o.status === 'warn')
      const totals = Object.entries(metrics)
        .filter(([k]) => k.startsWith('transferred'))
        .map(([k, v]) => `${k.slice('transferred '.length)} ${formatBytes(v)} transferred`)
        .join(', ')
      return {
        status: failed.length > 0 ? 'fail' : warned.length > 0 ? 'warn' : 'pass',
        message:
          failed.length > 0
            ? `${failed.length} budget(s) exceeded: ${failed[0]!.message}`
            : `within budgets (${totals})`,
        details: outcomes.map((o) => `${o.status}: ${o.message}`),
        metrics,
        data: {
          kind: 'bundle',
          pages: servedPages,
          budgets: outcomes.map(({ details: _details, ...result }) => result),
        },
      }
    },
  }
}
