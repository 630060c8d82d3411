import type { BuildRecord, RecordContext } from '@shipwatch/core'
import type { SizedFile } from '@shipwatch/core/lite'
import { sharedBudgetResults } from '@shipwatch/core/lite'
import pkg from '../../package.json' with { type: 'json' }
import { countModules } from '../collect/modules.js'
import { messages } from '../messages.js'
import { assembleBuildRecord } from '../record/assemble.js'
import { findPrevious, type RecordIdentity, writeRecord } from '../record/write-record.js'
import { renderSummary } from '../report/summary.js'
import type { BuildSession } from './build-session.js'
import { loadContextModule } from './load-core.js'
import type { HookContext, PluginState } from './plugin-state.js'
import { warn } from './rollup-hooks.js'

/** What the record needs that does not depend on sizes. */
export interface PreparedFinish {
  recordContext: RecordContext
  identity: RecordIdentity
  previous: BuildRecord | null
  modules: BuildRecord['modules']
  /** Told as warnings by finishSession, which has a hook context to tell them through. */
  warnings: string[]
}

/**
 * The caches, CI and machine facts, the previous build from history and the module counts: started at buildEnd,
 * on the next turn of the event loop, so none of it is left for after closeBundle. Rolldown renders natively then:
 * the main thread is idle and the CPU has room (≈ 135 % of 2 cores busy here, against ≈ 190 % while it builds the
 * module graph), so this work costs the build almost no time.
 */
export function prepareFinish(session: BuildSession, state: PluginState): Promise<PreparedFinish> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    state.sizeCalculator()
    state.topModulesCache()
    const recordContext = await session.context.catch(async (error: Error): Promise<RecordContext> => {
      const core = await loadContextModule()
      return {
        git: core.EMPTY_GIT,
        ci: await core.detectCi(),
        machine: core.readMachineFacts(),
        warnings: [error.message],
      }
    })
    const start = performance.now()
    const warnings = recordContext.warnings.map((warning) => messages.gitUnavailable(warning))
    const identity: RecordIdentity = {
      id: session.id,
      project: state.projectName(),
      git: recordContext.git,
      mode: state.mode,
      environment: session.init.environment,
    }
    let previous: BuildRecord | null = null
    // Only the summary compares with the previous build; `quiet` prints none.
    if (!state.options.quiet) {
      try {
        previous = findPrevious(state.history(), identity)
      } catch (error) {
        warnings.push(messages.historyUnreadable((error as Error).message))
      }
    }
    const modules = countModules(session.graphModuleIds())
    session.deferredMs += performance.now() - start
    return { recordContext, identity, previous, modules, warnings }
  })
}

/** After closeBundle: waits for the sizes, assembles the record, writes it and prints the summary. */
export async function finishSession(
  session: BuildSession,
  state: PluginState,
  context: HookContext,
): Promise<BuildRecord> {
  const end = session.marks.closeBundle ?? performance.now()
  session.measureUnwritten(state.sizeCalculator())
  const { recordContext, identity, previous, modules, warnings } = await (session.prepared ??
    prepareFinish(session, state))
  for (const warning of warnings) warn(state, context, warning)
  await session.topModules
  for (const fault of session.deferredErrors)
    warn(state, context, messages.internalError('generateBundle', fault))
  const store = state.history()

  const sizes = await sizesOrRaw(session, state, context)
  const sizesReady = performance.now() - end
  const record = assembleBuildRecord(
    {
      ...identity,
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
      sizes,
      context: recordContext,
      budgets: session.bundles.flatMap((b) => sharedBudgetResults(b) ?? []),
      html: session.html,
    },
    state.options,
  )
  if (state.options.record) {
    try {
      writeRecord(store, record)
      state.log.debug(messages.recordWritten(store.file))
    } catch (error) {
      warn(state, context, messages.recordFailed((error as Error).message))
    }
  }
  if (!state.options.quiet)
    for (const line of renderSummary(record, previous, state.log)) state.log.info(line)
  const finishMs = performance.now() - end
  state.log.debug(
    `cost: ${(state.selfMs + session.deferredMs).toFixed(1)} ms in hooks during the build, ${finishMs.toFixed(1)} ms after closeBundle (sizes ready after ${sizesReady.toFixed(1)} ms)`,
  )
  state.selfMs = 0
  return record
}

async function sizesOrRaw(session: BuildSession, state: PluginState, context: HookContext) {
  try {
    return (await session.sizes) ?? new Map<string, SizedFile>()
  } catch (error) {
    warn(state, context, messages.sizeFailed((error as Error).message))
    return new Map(
      session.outputs.map(
        (o) => [o.file.fileName, { size: Buffer.byteLength(o.content as string) }] as const,
      ),
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
