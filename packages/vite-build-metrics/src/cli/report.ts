import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CliIo } from '@shipwatch/core'
import {
  createLogger,
  DEFAULT_HISTORY_DIR,
  databaseTrendReport,
  describeHistoryWarning,
  generateReports,
  readGitFacts,
  resolveCommit,
  streamSink,
  UsageError,
} from '@shipwatch/core'
import { formatTerminalReport } from '../report/terminal-report.js'
import { type HistoryDatabase, withHistoryDatabase } from './history-database.js'
import { requireHistory } from './require-history.js'

export interface ReportArgs {
  history: string | undefined
  out: string | undefined
  base: string | undefined
  failOnRegression: boolean
  junit: boolean
  json: boolean
  quiet: boolean
  /** Read from a history database instead of the folder (the reports are written to the folder still). */
  database?: HistoryDatabase
}

/** `build-metrics report`: re-renders report.html / report.md / report.json from the history; gates on request. */
export async function report(args: ReportArgs, io: CliIo): Promise<number> {
  const log = createLogger({
    sink: streamSink(io.stdout, io.stderr),
    env: io.env,
    isTTY: Boolean(io.stdout.isTTY),
    quiet: args.quiet,
  })
  // --base <ref>: compare with the build of the merge-base of HEAD and that ref; a ref git cannot resolve is a
  // mistake to report, not a reason to compare with something else.
  let baseSha: string | undefined
  if (args.base) {
    const commit = await resolveCommit(io.cwd, args.base)
    if (!commit)
      throw new UsageError(`--base ${args.base}: git cannot resolve it here; name a branch, tag or commit`)
    baseSha = (await readGitFacts({ cwd: io.cwd, baseRef: args.base })).git.baseSha ?? commit
  }
  const { database } = args
  if (!database) requireHistory(resolve(io.cwd, args.history ?? DEFAULT_HISTORY_DIR))
  // From a database, SQL picks the baseline and the window and thins the charts: a few rows, not the history.
  const fromDatabase =
    database &&
    (await withHistoryDatabase(database, (history) =>
      databaseTrendReport(history, database.filter, { baseSha }, database.onWarning),
    ))
  const { report, files } = generateReports({
    report: fromDatabase,
    root: io.cwd,
    historyDir: args.history,
    outDir: args.out,
    baseSha,
    junit: args.junit || args.failOnRegression,
    env: io.env,
    onWarning: (w) => log.warn(describeHistoryWarning(w)),
  })
  if (args.json) {
    io.stdout.write(readFileSync(files.json, 'utf8'))
  } else {
    for (const line of formatTerminalReport(report, log)) log.info(line)
    log.info(
      `reports: ${files.html}, ${files.markdown}, ${files.json}${files.junit ? `, ${files.junit}` : ''}`,
    )
    if (files.summary) log.info(`job summary: appended to ${files.summary}`)
  }
  return args.failOnRegression && report.verdict === 'regression' ? 1 : 0
}
