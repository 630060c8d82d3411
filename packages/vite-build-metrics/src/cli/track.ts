import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { constants as osConstants, tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import {
  type BuildRecord,
  type CliIo,
  countUnsent,
  createEnvelope,
  createLogger,
  type FailureReason,
  findBaseline,
  HistoryStore,
  outputKind,
  projectName,
  readRecordContext,
  SizeCalculator,
  sendToDatabase as sendRecord,
  streamSink,
  TRACK_HANDOFF_ENV,
  UsageError,
} from '@shipwatch/core'
import pkg from '../../package.json' with { type: 'json' }
import { messages } from '../messages.js'
import { resolveOptions } from '../options.js'
import { gradeBuildTime } from '../record/status.js'
import { renderSummary } from '../report/summary.js'

export interface TrackArgs {
  command: string[]
  mode: 'production' | 'development'
  out: string | null
  history: string | undefined
  project: string | undefined
  brotli: boolean
  json: boolean
  quiet: boolean
}

/** Runs a build command without a shell, streams its output, and records wall time, exit code and output sizes. */
export async function track(args: TrackArgs, io: CliIo): Promise<number> {
  if (args.command.length === 0)
    throw new UsageError('track needs a command after --, e.g. build-metrics track -- npm run build')
  const options = resolveOptions({ historyDir: args.history, project: args.project, brotli: args.brotli })
  const log = createLogger({
    sink: streamSink(io.stderr),
    prefix: '[build-metrics]',
    quiet: args.quiet || args.json,
    env: io.env,
    isTTY: Boolean(io.stderr.isTTY),
  })
  const contextPromise = readRecordContext({ cwd: io.cwd, env: io.env })
  const store = new HistoryStore({ root: io.cwd, dir: options.historyDir })
  // A build that records itself (the plugin) hands its records here; track completes them instead of adding its own.
  const handoff = mkdtempSync(join(tmpdir(), 'shipwatch-track-'))
  const start = performance.now()
  const { exitCode, failure } = await runCommand(args.command, {
    ...io,
    env: { ...io.env, [TRACK_HANDOFF_ENV]: handoff },
  })
  const durationMs = Math.round((performance.now() - start) * 1000) / 1000
  const handed = new HistoryStore({ dir: handoff }).list({ kind: 'build' }) as BuildRecord[]
  rmSync(handoff, { recursive: true, force: true })
  if (handed.length > 0) {
    for (const record of handed) {
      const done = completed(record, { exitCode, failure, durationMs })
      await store.append(done)
      await sendToDatabase(done, store.dir, io.env, log)
    }
    log.info(
      `${handed.length} build record(s) of ${args.command[0]} completed with its exit code and wall time`,
    )
    if (exitCode !== 0) log.error(`${args.command.join(' ')} exited with code ${exitCode}`)
    return exitCode
  }

  const outputs =
    args.out && exitCode === 0 ? await measureFolder(resolve(io.cwd, args.out), options.compression) : []
  const context = await contextPromise
  for (const warning of context.warnings) log.warn(warning)
  const record: BuildRecord = {
    ...createEnvelope(context, args.project ?? projectName(io.cwd)),
    kind: 'build',
    tool: { name: '@shipwatch/vite-build-metrics', version: pkg.version },
    bundler: { name: args.command[0]!, version: null },
    mode: args.mode,
    environment: null,
    target: outputs.some((o) => o.fileName.endsWith('.html')) ? 'app' : 'library',
    watchRebuild: false,
    cache: null,
    exitCode,
    durationMs,
    phases: [{ name: 'other', durationMs }],
    plugins: [],
    bundlerInternalMs: null,
    modules: { total: 0, source: 0, nodeModules: 0, byExtension: {} },
    compression: options.compression,
    outputs,
    pages: [],
    outcome: failure ? { result: 'failed', reasons: [failure] } : { result: 'succeeded', reasons: [] },
    status: gradeBuildTime(durationMs, options.thresholds[args.mode]),
  }
  const baseline = findBaseline(store, record)
  await store.append(record)
  await sendToDatabase(record, store.dir, io.env, log)
  if (args.json) io.stdout.write(`${JSON.stringify(record, null, 2)}\n`)
  else for (const line of renderSummary(record, baseline, log)) log.info(line)
  if (exitCode !== 0) log.error(`${args.command.join(' ')} exited with code ${exitCode}`)
  return exitCode
}

/** A record the plugin made inside the tracked command, with the command's exit code and wall time added. */
function completed(
  record: BuildRecord,
  command: { exitCode: number; failure: FailureReason | null; durationMs: number },
): BuildRecord {
  const failed = command.failure !== null && record.outcome.result === 'succeeded'
  return {
    ...record,
    exitCode: command.exitCode,
    commandMs: command.durationMs,
    outcome: failed ? { result: 'failed', reasons: [command.failure!] } : record.outcome,
  }
}

/** Runs the command; its exit code (127 when it could not start, 128 + n for signal n) and why it failed. */
function runCommand(
  command: string[],
  io: CliIo,
): Promise<{ exitCode: number; failure: FailureReason | null }> {
  return new Promise((resolvePromise) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: io.cwd,
      env: io.env,
      stdio: ['inherit', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (chunk: Buffer) => io.stdout.write(chunk))
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk))
    child.on('error', (error) => {
      io.stderr.write(`build-metrics: could not start ${command[0]}: ${error.message}\n`)
      resolvePromise({
        exitCode: 127,
        failure: { kind: 'not-started', message: `could not start ${command[0]}: ${error.message}` },
      })
    })
    child.on('close', (code, signal) => {
      if (signal) {
        const exitCode = 128 + (osConstants.signals[signal] ?? 0)
        resolvePromise({
          exitCode,
          failure: { kind: 'signal', message: `${command[0]} was killed by ${signal}` },
        })
      } else if (code !== 0) {
        const exitCode = code ?? 1
        resolvePromise({
          exitCode,
          failure: { kind: 'exit-code', message: `${command[0]} exited with code ${exitCode}` },
        })
      } else resolvePromise({ exitCode: 0, failure: null })
    })
  })
}

async function measureFolder(
  dir: string,
  compression: BuildRecord['compression'],
): Promise<BuildRecord['outputs']> {
  const files = listFiles(dir)
  const sizes = new SizeCalculator({ compression })
  try {
    return await Promise.all(
      files.map(async (file) => ({
        fileName: relative(dir, file).split('\\').join('/'),
        type: 'asset' as const,
        kind: outputKind(file),
        name: null,
        ...(await sizes.measure(readFileSync(file))),
        isEntry: false,
        isDynamicEntry: false,
        imports: [],
        dynamicImports: [],
        modules: [],
      })),
    )
  } finally {
    await sizes.close()
  }
}

function listFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    throw new UsageError(`--out ${dir} is not a readable folder: point it at the build's output folder`)
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []))
    .sort()
}

/** With SHIPWATCH_HISTORY_URL, the record goes to the database too; unreachable, it waits in unsent.jsonl. */
async function sendToDatabase(
  record: BuildRecord,
  dir: string,
  env: NodeJS.ProcessEnv,
  log: { warn(message: string): void },
): Promise<void> {
  const url = env.SHIPWATCH_HISTORY_URL
  if (!url) return
  const result = await sendRecord(url, dir, record)
  if (result.failure) log.warn(messages.databaseUnreachable(result.failure, countUnsent(dir)))
}
