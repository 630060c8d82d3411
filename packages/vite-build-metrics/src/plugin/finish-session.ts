import type { BuildRecord, RecordContext } from '@shipwatch/core'
import type { SizedFile } from '@shipwatch/core/lite'
import { sharedBudgetResults } from '@shipwatch/core/lite'
import pkg from '../../package.json' with { type: 'json' }
import { messages } from '../messages.js'
import { assembleBuildRecord } from '../record/assemble.js'
import { findPrevious, writeRecord } from '../record/write-record.js'
import { renderSummary } from '../report/summary.js'
import type { BuildSession } from './build-session.js'
import { loadContextModule } from './load-core.js'
import type { HookContext, PluginState } from './plugin-state.js'
import { warn } from './rollup-hooks.js'

/** After closeBundle: waits for sizes and git, assembles the record, writes it and prints the summary. */
export async function finishSession(
  session: BuildSession,
  state: PluginState,
  context: HookContext,
): Promise<BuildRecord> {
  const end = session.marks.closeBundle ?? performance.now()
  const sizes = await sizesOrRaw(session, state, context)
  const sizesReady = performance.now() - end
  const recordContext = await session.context.catch(async (error: Error): Promise<RecordContext> => {
    const core = await loadContextModule()
    return {
      git: core.EMPTY_GIT,
      ci: await core.detectCi(),
      machine: core.readMachineFacts(),
      warnings: [error.message],
    }
  })
  for (const warning of recordContext.warnings) warn(state, context, messages.gitUnavailable(warning))

  const record = assembleBuildRecord(
    {
      id: session.id,
      createdAt: session.createdAt,
      project: state.projectName(),
      root: session.init.root,
      bundler: bundlerOf(context, state),
      toolVersion: pkg.version,
      mode: state.mode,
      environment: session.init.environment,
      watchRebuild: session.init.watchRebuild,
      marks: session.marks,
      end,
      timer: session.timer,
      moduleIds: session.moduleIds,
      outputs: session.outputs,
      sizes,
      context: recordContext,
      budgets: session.bundles.flatMap((b) => sharedBudgetResults(b) ?? []),
      html: session.html,
    },
    state.options,
  )

  const store = state.history()
  let previous: BuildRecord | null = null
  try {
    previous = findPrevious(store, record)
    if (state.options.record) writeRecord(store, record)
  } catch (error) {
    warn(state, context, messages.recordFailed((error as Error).message))
  }
  for (const line of renderSummary(record, previous, state.log)) state.log.info(line)
  if (state.options.record) state.log.debug(messages.recordWritten(store.file))
  const finishMs = performance.now() - end
  state.log.debug(
    `cost: ${state.selfMs.toFixed(1)} ms in hooks during the build, ${finishMs.toFixed(1)} ms after closeBundle (sizes ready after ${sizesReady.toFixed(1)} ms)`,
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
