import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { HistoryStore, type HistoryStoreOptions } from '../history/history-store.js'
import { parseRecord } from '../schema/parse-record.js'
import { actionsRunUrl, renderPrComment } from './pr-comment.js'
import { renderHtml } from './render-html.js'
import { renderTrendJunit } from './render-junit.js'
import { renderMarkdown } from './render-markdown.js'
import { buildTrendReport, type TrendReport, type TrendReportOptions } from './trend-report.js'

export interface GenerateReportsOptions extends TrendReportOptions {
  root?: string
  /** History folder. @default 'test-artifacts/build-metrics' */
  historyDir?: string
  /** The report, made elsewhere (from a history database); the folder's history is not read then. */
  report?: TrendReport
  /** Where the reports go. @default the history folder */
  outDir?: string
  /** Also write `junit.xml` (the gate's verdicts). @default false */
  junit?: boolean
  /** Linked from a PR comment cut to fit. @default the GitHub Actions run, from its environment */
  artifactUrl?: string | null
  env?: NodeJS.ProcessEnv
  onWarning?: HistoryStoreOptions['onWarning']
  now?: () => Date
}

export interface GeneratedReports {
  report: TrendReport
  files: {
    html: string
    markdown: string
    /** report.md as a PR comment: marked for updating, cut to GitHub's 65,536 characters. */
    prComment: string
    json: string
    junit: string | null
    summary: string | null
  }
}

/**
 * Reads the history and writes `report.html`, `report.md`, `report.json` (and `junit.xml`), re-rendered from the
 * records every time. Appends the Markdown to `$GITHUB_STEP_SUMMARY` when that is set.
 */
export function generateReports(options: GenerateReportsOptions = {}): GeneratedReports {
  const root = options.root ?? process.cwd()
  // Every line passes the full schema before it is rendered: a history file is untrusted input.
  const store = new HistoryStore({
    root,
    dir: options.historyDir,
    onWarning: options.onWarning,
    parse: parseRecord,
  })
  const report = options.report ?? buildTrendReport(store.list(), options)
  const outDir = resolve(root, options.outDir ?? store.dir)
  mkdirSync(outDir, { recursive: true })
  const generatedAt = (options.now?.() ?? new Date()).toISOString()
  const markdown = renderMarkdown(report)
  const env = options.env ?? process.env
  const artifactUrl = options.artifactUrl === undefined ? actionsRunUrl(env) : options.artifactUrl
  const files = {
    html: write(join(outDir, 'report.html'), renderHtml(report, generatedAt)),
    markdown: write(join(outDir, 'report.md'), markdown),
    prComment: write(join(outDir, 'pr-comment.md'), renderPrComment(markdown, { artifactUrl })),
    json: write(join(outDir, 'report.json'), `${JSON.stringify(toJson(report, generatedAt), null, 2)}\n`),
    junit: options.junit ? write(join(outDir, 'junit.xml'), renderTrendJunit(report)) : null,
    summary: null as string | null,
  }
  const summary = env.GITHUB_STEP_SUMMARY
  if (summary) {
    appendFileSync(summary, `${markdown}\n`)
    files.summary = summary
  }
  return { report, files }
}

function write(path: string, content: string): string {
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, content)
  renameSync(temp, path)
  return path
}

/** The comparison, machine-readable: ids, values, verdicts and explanations, not the whole records. */
export function toJson(report: TrendReport, generatedAt: string) {
  const brief = (r: {
    id: string
    git: { sha: string | null; branch: string | null }
    createdAt: string
  }) => ({
    id: r.id,
    sha: r.git.sha,
    branch: r.git.branch,
    createdAt: r.createdAt,
  })
  return {
    generatedAt,
    project: report.project,
    verdict: report.verdict,
    current: report.current ? brief(report.current) : null,
    baseline: report.baseline
      ? { ...brief(report.baseline.record), reason: report.baseline.reason, runs: report.baseline.runs }
      : null,
    regressions: report.regressions.map((r) => r.explanation),
    attribution: report.attribution,
    metrics: report.comparisons.map(
      ({ id, label, unit, value, baseline, delta, ratio, verdict, explanation }) => ({
        id,
        label,
        unit,
        value,
        baseline,
        delta,
        ratio,
        verdict,
        explanation,
      }),
    ),
    budgets: report.current?.budgets ?? [],
    deploys: report.deploys.map((d) => ({ id: d.id, createdAt: d.createdAt, url: d.url, status: d.status })),
  }
}
