import { MISSING_HTML_VALIDATE } from '@shipwatch/core'
import { HtmlValidator, localReferences } from '@shipwatch/core/html'
import pLimit from 'p-limit'
import { type Check, type CheckMode, type CheckOutcome, unavailable } from '../runner/check.js'

// Bounds for what a page may make us request: references checked per run, and requests in flight.
const MAX_REFERENCES = 500
const CONCURRENT_REQUESTS = 6

/** The served pages through the shared HTML validator; local references must answer 200. */
export function servedHtmlCheck(
  options: { pages?: string[] },
  limits: { timeoutMs: number; retries: number },
  mode: CheckMode = 'required',
): Check {
  const pages = options.pages ?? ['/']
  const validator = new HtmlValidator()
  return {
    id: 'html',
    title: 'Served HTML',
    ...limits,
    async run(context): Promise<CheckOutcome> {
      const fetched = []
      for (const path of pages) {
        const page = await context.fetch(path, { headers: { accept: 'text/html' } })
        if (page.status !== 200) return { status: 'fail', message: `${path} answered ${page.status}` }
        fetched.push({
          fileName: path === '/' ? 'index.html' : path.replace(/^\//, ''),
          html: page.body.toString('utf8'),
        })
      }
      // A referenced local file counts as present when the deployment serves it: only the status is read (the
      // body is cancelled), a few at a time, so a page of endless images costs neither memory nor a flood.
      const refs = [
        ...new Set(fetched.flatMap((p) => localReferences(p.fileName, p.html).map((r) => r.target))),
      ]
      // Past the bound, references are not requested and not reported missing.
      const present = new Set<string>(refs.slice(MAX_REFERENCES))
      const limit = pLimit(CONCURRENT_REQUESTS)
      await Promise.all(
        refs.slice(0, MAX_REFERENCES).map((ref) =>
          limit(async () => {
            const answer = await context.fetch(`/${ref}`, { statusOnly: true })
            if (answer.status === 200) present.add(ref)
          }),
        ),
      )
      let results: Awaited<ReturnType<HtmlValidator['validate']>>
      try {
        results = await validator.validate(fetched, { files: present })
      } catch (error) {
        if ((error as { code?: string }).code !== MISSING_HTML_VALIDATE) throw error
        return unavailable(mode, (error as Error).message.replace(/ \(.*\)$/s, ''))
      }
      const errors = results.flatMap((r) =>
        r.messages
          .filter((m) => m.severity === 'error')
          .map((m) => `${r.page}:${m.line}:${m.column} ${m.message} (${m.ruleId})`),
      )
      const metrics = { errors: errors.length, pages: results.length }
      if (errors.length > 0)
        return {
          status: 'fail',
          message: `${errors.length} HTML error(s): ${errors[0]}`,
          details: errors,
          metrics,
        }
      return { status: 'pass', message: `${results.length} page(s) valid`, metrics }
    },
  }
}
