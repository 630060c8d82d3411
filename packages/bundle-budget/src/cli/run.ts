import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import {
  BudgetConfigError,
  type BuildRecord,
  type CliIo,
  check,
  createLogger,
  exitForError,
  HistoryStore,
  inputFromRecord,
  newCalculator,
  parseCliArgs,
  projectName,
  sizeFiles,
  streamSink,
  UsageError,
} from '@shipwatch/core'
import { loadConfig } from '../config/load-config.js'
import { resolveOptions, rulesFor } from '../options.js'
import { formatOutcomes } from '../report/format-terminal.js'
import { githubAnnotations } from '../report/github-annotations.js'
import { renderJunit } from '../report/junit.js'
import { HELP } from './help.js'
import { pagesFromHtml, readOutputFolder } from './read-folder.js'

/** `bundle-budget check [dir]`: 0 all budgets pass, 1 a budget failed, 2 usage or configuration error. */
export async function run(io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseCliArgs({
      args: io.argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        'history-dir': { type: 'string' },
        'base-branch': { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'boolean', default: false },
        'fail-on-warning': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
    const [command, folder, ...extra] = positionals
    if (values.help) {
      io.stdout.write(HELP)
      return 0
    }
    if (command !== 'check')
      throw new UsageError(
        command ? `unknown command ${command}: use check` : 'missing command: bundle-budget check [dir]',
      )
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`)
    const config = await loadConfig(io.cwd, values.config)
    const options = resolveOptions({
      ...config?.options,
      ...(values['history-dir'] ? { historyDir: values['history-dir'] } : {}),
      ...(values['base-branch'] ? { defaultBranch: values['base-branch'] } : {}),
      ...(values['fail-on-warning'] ? { failOnWarning: true } : {}),
      ...(values.verbose ? { verbose: true } : {}),
    })
    const dir = resolve(io.cwd, folder ?? 'dist')
    let unsized: ReturnType<typeof readOutputFolder>
    try {
      unsized = readOutputFolder(dir)
    } catch {
      throw new UsageError(
        `${dir} is not a readable folder: pass the build's output folder, e.g. bundle-budget check dist`,
      )
    }
    // The content-hash cache makes a re-check of unchanged files almost free.
    const calculator = newCalculator(
      options.rules,
      join(io.cwd, 'node_modules/.cache/shipwatch/sizes.json'),
      (message) => io.stderr.write(`bundle-budget: warning: ${message}\n`),
    )
    const files = await sizeFiles(unsized, calculator).finally(() => calculator.close())
    const current = { files, pages: pagesFromHtml(unsized), entries: [] }
    const baseline = findCliBaseline(
      new HistoryStore({ root: io.cwd, dir: options.historyDir }),
      projectName(io.cwd),
      options.defaultBranch,
    )
    const result = check(
      rulesFor(options, current.pages.length),
      current,
      baseline ? inputFromRecord(baseline) : null,
      options,
    )

    const log = createLogger({
      sink: streamSink(io.stdout, io.stderr),
      env: io.env,
      isTTY: Boolean(io.stdout.isTTY),
      quiet: values.quiet,
    })
    if (values.junit) {
      const junitPath = resolve(io.cwd, values.junit)
      mkdirSync(dirname(junitPath), { recursive: true })
      writeFileSync(junitPath, renderJunit(result.outcomes))
    }
    if (io.env.GITHUB_ACTIONS === 'true')
      for (const line of githubAnnotations(result.outcomes)) io.stdout.write(`${line}\n`)
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ failed: result.failed, baseline: baseline?.id ?? null, outcomes: result.outcomes }, null, 2)}\n`,
      )
    } else {
      if (options.usingDefaults)
        log.info('no bundle-budget config: using the default (initial JS per page under 500 kB gzip)')
      for (const line of formatOutcomes(result.outcomes, log, options.verbose)) log.info(line)
    }
    return result.failed ? 1 : 0
  } catch (error) {
    return exitForError('bundle-budget', error, io, (e) => e instanceof BudgetConfigError)
  }
}

/** Without a build record for the folder, the baseline is the project's latest client build, preferring the default branch. */
function findCliBaseline(history: HistoryStore, project: string, defaultBranch: string): BuildRecord | null {
  const comparable = (r: BuildRecord) =>
    r.kind === 'build' &&
    !r.watchRebuild &&
    r.project === project &&
    (r.environment === null || r.environment === 'client')
  return (
    (history.lastAppended(
      (r) => r.kind === 'build' && comparable(r) && r.git.branch === defaultBranch,
    ) as BuildRecord | null) ??
    (history.lastAppended((r) => r.kind === 'build' && comparable(r)) as BuildRecord | null)
  )
}
