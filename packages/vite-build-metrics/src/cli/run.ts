import {
  type CliIo,
  EXIT,
  exitForError,
  HistoryDatabaseError,
  parseCliArgs,
  UsageError,
} from '@shipwatch/core'
import { BuildMetricsOptionError } from '../options.js'
import { type DatabaseArgs, db, historyCommand, historyUrlOf } from './database.js'
import { diff } from './diff.js'
import { HELP } from './help.js'
import type { HistoryDatabase } from './history-database.js'
import { report } from './report.js'
import { show } from './show.js'
import { track } from './track.js'

/** The `build-metrics` command. Returns the exit code; never calls process.exit. */
export async function run(io: CliIo): Promise<number> {
  const separator = io.argv.indexOf('--')
  const own = separator === -1 ? io.argv : io.argv.slice(0, separator)
  const command = separator === -1 ? [] : io.argv.slice(separator + 1)
  try {
    const { values, positionals } = parseCliArgs({
      args: own,
      allowPositionals: true,
      options: {
        mode: { type: 'string', default: 'production' },
        out: { type: 'string' },
        'history-dir': { type: 'string' },
        'history-url': { type: 'string' },
        project: { type: 'string' },
        repository: { type: 'string' },
        brotli: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        silent: { type: 'boolean', default: false },
        base: { type: 'string' },
        'fail-on-regression': { type: 'boolean', default: false },
        junit: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
    const [subcommand, ...extra] = positionals
    if (values.help || !subcommand) {
      io.stdout.write(HELP)
      return values.help ? EXIT.ok : EXIT.usage
    }
    const url = historyUrlOf(values['history-url'], io.env)
    const filter = {
      ...(values.project ? { project: values.project } : {}),
      ...(values.repository ? { repository: values.repository } : {}),
    }
    if (subcommand === 'db' || subcommand === 'history') {
      const [action, operand, ...more] = extra
      if (more.length > 0) throw new UsageError(`unexpected argument ${more[0]}`)
      const args: DatabaseArgs = {
        action,
        operand,
        url,
        history: values['history-dir'],
        out: values.out,
        filter,
      }
      return subcommand === 'db' ? await db(args, io) : await historyCommand(args, io)
    }
    // With a history database, show, report and diff read it (one project and repository when given).
    const database: HistoryDatabase | undefined = url
      ? {
          url,
          filter,
          onWarning: (reason) =>
            io.stderr.write(`build-metrics: skipped a record of the history database: ${reason}\n`),
        }
      : undefined
    if (subcommand === 'diff') {
      const format = values.format
      if (format !== 'text' && format !== 'markdown' && format !== 'json')
        throw new UsageError(`--format must be text, markdown or json, got ${format}`)
      return await diff(
        {
          refs: extra,
          history: values['history-dir'],
          format: values.json ? 'json' : format,
          database,
        },
        io,
      )
    }
    if (extra.length > 0)
      throw new UsageError(`unexpected argument ${extra[0]}: put the build command after --`)
    if (values.mode !== 'production' && values.mode !== 'development') {
      throw new UsageError(`--mode must be production or development, got ${values.mode}`)
    }
    if (subcommand === 'track') {
      return await track(
        {
          command,
          mode: values.mode,
          out: values.out ?? null,
          history: values['history-dir'],
          project: values.project,
          brotli: values.brotli,
          json: values.json,
          quiet: values.quiet || values.silent,
        },
        io,
      )
    }
    if (subcommand === 'show')
      return await show({ json: values.json, history: values['history-dir'], database }, io)
    if (subcommand === 'report') {
      return await report(
        {
          history: values['history-dir'],
          out: values.out,
          base: values.base,
          failOnRegression: values['fail-on-regression'],
          junit: values.junit,
          json: values.json,
          quiet: values.quiet || values.silent,
          database,
        },
        io,
      )
    }
    throw new UsageError(
      `unknown command ${subcommand}: use track, show, report, diff, db or history (build-metrics --help)`,
    )
  } catch (error) {
    // The database is down or refuses: the message names what failed (never the password); exit 1, no stack.
    if (error instanceof HistoryDatabaseError) {
      io.stderr.write(`build-metrics: ${error.message}\n`)
      return EXIT.failed
    }
    return exitForError('build-metrics', error, io, (e) => e instanceof BuildMetricsOptionError)
  }
}
