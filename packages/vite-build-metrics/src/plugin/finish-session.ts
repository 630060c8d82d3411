import {
  type Baseline,
  type BuildRecord,
  buildSpans,
  checkStoredRecord,
  countUnsent,
  databaseBaseline,
  exportSpans,
  type FailureReason,
  type FindBaselineOptions,
  findBaseline,
  rowReader,
  type SizedFile,
  sendToDatabase as sendRecord,
} from '@shipwatch/core/build'
import pkg from '../../package.json' with { type: 'json' }
import { CHAIN_CUT, findImportChains } from '../collect/import-chains.js'
import { countModules } from '../collect/modules.js'
import { messages } from '../messages.js'
import { assembleBuildRecord } from '../record/assemble.js'
import { renderSummary } from '../report/summary.js'
import type { BuildSession, PreparedFinish } from './build-session.js'
import type { HookContext, PluginState } from './plugin-state.js'

/**
 * The CI and machine facts and the module counts: started at buildEnd, on the next turn of the event loop, while the
 * bundler renders natively and the main thread is mostly idle.
 */
export function prepareFinish(session: BuildSession): Promise<PreparedFinish> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    // Never rejects: git problems come back as warnings.
    const recordContext = await session.context
    const warnings = recordContext.warnings.map((warning) => messages.gitUnavailable(warning))
    const modules = countModules(session.moduleIds())
    return { recordContext, modules, warnings }
  })
}

/**
 * After closeBundle: waits for the sizes, assembles the record, runs the gates other plugins added (budgets), writes
 * the record with its outcome (a failed build is recorded too, and never becomes a baseline) and prints the summary.
 */
export async function finishSession(
  session: BuildSession,
  state: PluginState,
  context: HookContext,
): Promise<void> {
  const end = session.marks.closeBundle ?? performance.now()
  session.measureUnwritten(state.sizeCalculator())
  const { recordContext, modules, warnings } = await (session.prepared ?? prepareFinish(session))
  for (const warning of warnings) state.warn(context, warning)
  await session.modulesFilled
  for (const fault of session.deferredErrors)
    state.warn(context, messages.internalError('generateBundle', fault))

  const record = assembleBuildRecord(
    {
      id: session.id,
      project: state.projectName(),
      mode: state.mode,
      environment: session.init.environment,
      createdAt: session.createdAt,
      root: session.init.root,
      bundler: bundlerOf(context, state),
      toolVersion: pkg.version,
      watchRebuild: session.init.watchRebuild,
      marks: session.marks,
      end,
      timer: session.timer,
      modules,
      outputs: session.outputs,
      sizes: await sizesOrRaw(session, state, context),
      context: recordContext,
      html: session.html,
      failures: session.failures,
    },
    { ...state.options, compression: state.sizeCalculator().compression },
  )
  // The baseline is read before the gates: budgets explain growth with the import chains of modules new against it.
  const baselines = baselineFinder(record, session, state, context)
  const baseline = await baselines()
  const importers = importChainsOf(session, baseline?.record ?? null)
  if (importers) record.importers = importers
  // A failed build's outputs are not a measurement: gates hear of it without a record.
  const reasons = await runGates(
    session,
    state,
    context,
    session.failures.length === 0 ? record : null,
    baselines,
  )
  if (reasons.length > 0) {
    session.failures.push(...reasons)
    record.outcome = { result: 'failed', reasons: session.failures }
  }
  if (state.options.record && (state.options.recordRebuilds || !record.watchRebuild)) {
    try {
      const store = state.recordStore()
      await store.append(record, { validate: false })
      state.log.debug(messages.recordWritten(store.file))
      if (state.sendsToDatabase(record.watchRebuild))
        await sendToDatabase(record, store.dir, session, state, context)
    } catch (error) {
      state.warn(context, messages.recordFailed((error as Error).message))
    }
  }
  if (state.options.otel) await sendTrace(record, state, context)
  if (!state.options.quiet)
    for (const line of renderSummary(record, baseline, state.log)) state.log.info(line)
  state.log.debug(
    `cost: ${state.selfMs.toFixed(1)} ms in hooks during the build, ${(performance.now() - end).toFixed(1)} ms after closeBundle`,
  )
  state.selfMs = 0
}

/** The record to the team's database too, with every one an earlier build could not send; never fails the build. */
async function sendToDatabase(
  record: BuildRecord,
  dir: string,
  session: BuildSession,
  state: PluginState,
  context: HookContext,
) {
  // Over the connection opened as the build started (`connectEarly`), when the bundler's hooks ran.
  const result = await sendRecord(state.options.historyUrl!, dir, record, {
    early: session.database ?? undefined,
  })
  session.database = null
  if (result.failure) state.warn(context, messages.databaseUnreachable(result.failure, countUnsent(dir)))
  else state.log.debug(messages.databaseStored(result.stored))
}

/** The build as one trace to the team's OpenTelemetry back end, under the CI job's span; never fails the build. */
async function sendTrace(record: BuildRecord, state: PluginState, context: HookContext) {
  try {
    await exportSpans(buildSpans(record, process.env), state.options.otel!, {
      traceparent: process.env.TRACEPARENT,
      tracestate: process.env.TRACESTATE,
      serviceName: 'shipwatch-build',
      version: pkg.version,
    })
  } catch (error) {
    state.warn(context, messages.traceFailed((error as Error).message))
  }
}

type BaselineFinder = (options?: FindBaselineOptions) => Promise<Baseline | null>

/**
 * The record's baseline by the one rule, once per default branch: from the team's database when one is set and
 * answers (the connection opened as the build started), else from the history file. A database fault is the send's
 * to report; an unreadable file is a warning.
 */
function baselineFinder(
  record: BuildRecord,
  session: BuildSession,
  state: PluginState,
  context: HookContext,
): BaselineFinder {
  const found = new Map<string, Promise<Baseline | null>>()
  const find = async (options: FindBaselineOptions): Promise<Baseline | null> => {
    if (session.database) {
      try {
        const history = await session.database.ready
        // Inside a build: the light check of stored records, not the schema (zod would cost more than the read).
        const fromDatabase = await databaseBaseline(
          history,
          record,
          rowReader(checkStoredRecord, () => {}),
          options,
        )
        if (fromDatabase) return fromDatabase
      } catch {}
    }
    try {
      return findBaseline(state.history(), record, options)
    } catch (error) {
      state.warn(context, messages.historyUnreadable((error as Error).message))
      return null
    }
  }
  return (options = {}) => {
    const key = options.defaultBranch ?? 'main'
    if (!found.has(key)) found.set(key, find({ defaultBranch: key }))
    return found.get(key)!
  }
}

/**
 * Hands the build to every gate (`record: null` for a failed build, so each gate's plugin hears of every build). A
 * gate's results go into the record; returns why gates failed the build, if they did.
 */
export async function runGates(
  session: BuildSession,
  state: PluginState,
  context: HookContext,
  record: BuildRecord | null,
  findBaseline?: BaselineFinder,
): Promise<FailureReason[]> {
  if (session.gated) return []
  session.gated = true
  const reasons: FailureReason[] = []
  for (const gate of state.gates) {
    try {
      const result = await gate.check({ environment: session.init.environment, record, findBaseline })
      if (!result || !record) continue
      if (result.budgets.length > 0) record.budgets = [...(record.budgets ?? []), ...result.budgets]
      if (result.failure) reasons.push(...result.reasons)
    } catch (error) {
      state.warn(context, messages.internalError('a gate', (error as Error).message))
    }
  }
  return reasons
}

/**
 * Import chains of the modules chosen for them that the baseline did not have (all of them without a baseline), by
 * record names: a report needs a chain only for a new module, and each chain costs lookups in the bundler's graph
 * (bench/README.md). None when the graph cannot be read.
 */
function importChainsOf(
  session: BuildSession,
  baseline: BuildRecord | null,
): Record<string, string> | undefined {
  if (!session.moduleInfo || session.chainTargets.size === 0) return undefined
  const known = new Set(baseline?.outputs.flatMap((o) => o.modules.map((m) => m.id)))
  const targets = [...session.chainTargets].filter(([name]) => !known.has(name)).map(([, raw]) => raw)
  if (targets.length === 0) return undefined
  try {
    const chains = findImportChains(targets, session.moduleInfo)
    const importers: Record<string, string> = {}
    const name = (id: string) => (id === CHAIN_CUT ? id : session.namer.name(id).id)
    for (const [id, importer] of chains) importers[name(id)] = name(importer)
    return importers
  } catch (error) {
    session.deferredErrors.push(`import chains: ${(error as Error).message}`)
    return undefined
  }
}

async function sizesOrRaw(session: BuildSession, state: PluginState, context: HookContext) {
  try {
    return await session.sizes
  } catch (error) {
    state.warn(context, messages.sizeFailed((error as Error).message))
    return new Map<string, SizedFile>(
      session.outputs.map((o) => [o.file.fileName, { size: Buffer.byteLength(o.content as string) }]),
    )
  }
}

function bundlerOf(context: HookContext, state: PluginState): BuildRecord['bundler'] {
  const meta = context.meta ?? {}
  if (state.framework === 'vite')
    return { name: 'vite', version: meta.viteVersion ?? state.frameworkVersion() }
  if (meta.rolldownVersion) return { name: 'rolldown', version: meta.rolldownVersion }
  if (meta.rollupVersion) return { name: 'rollup', version: meta.rollupVersion }
  return { name: state.framework, version: state.bundlerVersion ?? state.frameworkVersion() }
}
