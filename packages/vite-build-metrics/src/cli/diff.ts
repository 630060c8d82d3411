import { join, resolve } from 'node:path'
import {
  attributeChanges,
  BUILD_REF_FORMS,
  type BuildRecord,
  type CliIo,
  createLogger,
  DEFAULT_HISTORY_DIR,
  DEFAULT_THRESHOLDS,
  describeAttribution,
  describeHistoryWarning,
  escapeMarkdown,
  extractMetrics,
  formatDelta,
  formatValue,
  HISTORY_FILE,
  HistoryStore,
  type HistoryWarning,
  judgeExact,
  moved,
  parseRecord,
  renderAttributionMarkdown,
  resolveBuildRef,
  resolveDatabaseBuildRef,
  rowReader,
  streamSink,
  UsageError,
} from '@shipwatch/core'
import { type HistoryDatabase, withHistoryDatabase } from './history-database.js'
import { requireHistory } from './require-history.js'

export type DiffFormat = 'text' | 'markdown' | 'json'

export interface DiffArgs {
  refs: string[]
  history: string | undefined
  format: DiffFormat
  /** Read from a history database instead of the folder. */
  database?: HistoryDatabase
}

/** The builds the references name in the history file (every line through the full schema: untrusted input). */
function resolveInFile(
  refs: readonly string[],
  dir: string,
  io: CliIo,
  onWarning: (warning: HistoryWarning) => void,
): (BuildRecord | null)[] {
  const store = new HistoryStore({ root: io.cwd, dir, parse: parseRecord, onWarning })
  const builds = store.list().filter((r): r is BuildRecord => r.kind === 'build')
  return refs.map((ref) => resolveBuildRef(builds, ref))
}

/** `build-metrics diff <a> <b>`: what changed from build a to build b, output by output, module by module. */
export async function diff(args: DiffArgs, io: CliIo): Promise<number> {
  if (args.refs.length !== 2)
    throw new UsageError(`diff needs two builds: build-metrics diff <a> <b>, each ${BUILD_REF_FORMS}`)
  const dir = resolve(io.cwd, args.history ?? DEFAULT_HISTORY_DIR)
  const { database } = args
  if (!database) requireHistory(dir)
  const log = createLogger({
    sink: streamSink(io.stdout, io.stderr),
    env: io.env,
    isTTY: Boolean(io.stdout.isTTY),
  })
  const found = database
    ? await withHistoryDatabase(database, (history) =>
        Promise.all(
          args.refs.map((ref) =>
            resolveDatabaseBuildRef(
              history,
              database.filter,
              ref,
              rowReader(parseRecord, database.onWarning),
            ),
          ),
        ),
      )
    : resolveInFile(args.refs, dir, io, (w) => log.warn(describeHistoryWarning(w)))
  const [before, after] = found.map((build, i) => {
    if (!build)
      throw new UsageError(
        `no build in ${database ? 'the history database' : join(dir, HISTORY_FILE)} matches "${args.refs[i]}": name ${BUILD_REF_FORMS}`,
      )
    return build
  }) as [BuildRecord, BuildRecord]
  const attribution = attributeChanges(before, after)
  const metrics = compareExact(before, after)
  // What moved (sizes, counts); hook call counts follow the modules and are only counted here (JSON lists them).
  const rows = metrics.filter(moved)
  const calls = metrics.filter((m) => m.gated === false && m.delta !== 0).length
  const callsLine = calls > 0 ? `${calls} plugin hook call count(s) changed (--format json lists them)` : null
  if (args.format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ before: brief(before), after: brief(after), metrics, attribution }, null, 2)}\n`,
    )
  } else if (args.format === 'markdown') {
    io.stdout.write(
      `${[
        `## ${escapeMarkdown(describe(before))} → ${escapeMarkdown(describe(after))}`,
        '',
        ...(rows.length > 0
          ? [
              '| metric | before | after | change |',
              '|---|---:|---:|---:|',
              ...rows.map(
                (m) =>
                  `| ${escapeMarkdown(m.label)} | ${formatValue(m.unit, m.baseline)} | ${formatValue(m.unit, m.value)} | ${formatDelta(m)} |`,
              ),
              '',
            ]
          : []),
        ...(callsLine ? [callsLine, ''] : []),
        ...renderAttributionMarkdown(attribution),
      ]
        .join('\n')
        .trimEnd()}\n`,
    )
  } else {
    io.stdout.write(`${describe(before)} → ${describe(after)}\n`)
    for (const m of rows) io.stdout.write(`  ${m.explanation}\n`)
    if (callsLine) io.stdout.write(`  ${callsLine}\n`)
    for (const line of describeAttribution(attribution)) io.stdout.write(`${line}\n`)
  }
  return 0
}

/** Sizes and counts, exactly: one build against another (times need a window of runs; `report` judges them). */
function compareExact(before: BuildRecord, after: BuildRecord) {
  const base = new Map(extractMetrics(before).map((m) => [m.id, m]))
  return extractMetrics(after)
    .filter((m) => m.unit !== 'ms')
    .map((m) => judgeExact(m, base.get(m.id), DEFAULT_THRESHOLDS))
}

function describe(r: BuildRecord): string {
  return `${r.git.branch ?? '(no branch)'}@${r.git.sha?.slice(0, 7) ?? '(no commit)'} (${r.createdAt.slice(0, 16).replace('T', ' ')})`
}

function brief(r: BuildRecord) {
  return { id: r.id, sha: r.git.sha, branch: r.git.branch, createdAt: r.createdAt, outcome: r.outcome.result }
}
