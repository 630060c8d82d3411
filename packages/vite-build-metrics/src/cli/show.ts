import type { CliIo } from '@shipwatch/core'
import {
  createLogger,
  DEFAULT_HISTORY_DIR,
  describeHistoryWarning,
  firstBuild,
  HistoryStore,
  parseRecord,
  rowReader,
  streamSink,
} from '@shipwatch/core'
import { renderSummary } from '../report/summary.js'
import { type HistoryDatabase, withHistoryDatabase } from './history-database.js'

/** Prints the latest build record: its summary, or the JSON with --json. Exit 1 when the history has none. */
export async function show(
  args: { json: boolean; history: string | undefined; database?: HistoryDatabase },
  io: CliIo,
): Promise<number> {
  const store = new HistoryStore({
    root: io.cwd,
    dir: args.history ?? DEFAULT_HISTORY_DIR,
    onWarning: (w) => io.stderr.write(`warning: ${describeHistoryWarning(w)}\n`),
  })
  const { database } = args
  const record = database
    ? await withHistoryDatabase(database, async (history) =>
        firstBuild(
          (await history.select({ ...database.filter, kind: 'build', limit: 5 })).reverse(),
          rowReader(parseRecord, database.onWarning),
        ),
      )
    : store.lastAppended((r) => r.kind === 'build')
  if (record?.kind !== 'build') {
    io.stderr.write(
      `no build record in ${database ? 'the history database' : store.file}: run a build with the plugin or build-metrics track first\n`,
    )
    return 1
  }
  if (args.json) {
    io.stdout.write(`${JSON.stringify(record, null, 2)}\n`)
    return 0
  }
  const log = createLogger({ sink: streamSink(io.stdout), env: io.env, isTTY: Boolean(io.stdout.isTTY) })
  io.stdout.write(
    `${record.project} · ${record.git.branch ?? '-'}@${record.git.sha?.slice(0, 7) ?? '-'} · ${record.createdAt}\n`,
  )
  for (const line of renderSummary(record, null, log)) log.info(line)
  return 0
}
