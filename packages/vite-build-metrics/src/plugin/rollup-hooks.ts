import { dirname } from 'node:path'
import type { BundleLike } from '@shipwatch/core/lite'
import { readPublicFiles } from '@shipwatch/core/lite'
import { messages } from '../messages.js'
import { createBuildInfo, deployedCommit } from '../record/build-info.js'
import { wrapPluginHooks } from '../timing/wrap-hooks.js'
import type { BuildSession } from './build-session.js'
import { finishSession, prepareFinish } from './finish-session.js'
import type { HookContext, PluginState } from './plugin-state.js'
import { validatePages } from './validate-pages.js'

export const PLUGIN_NAME = 'shipwatch:build-metrics'

/** Runs a hook body so that a fault of ours becomes a warning, never a failed build. */
export function guard(
  state: PluginState,
  context: HookContext | undefined,
  where: string,
  body: () => void,
): void {
  const start = performance.now()
  try {
    body()
  } catch (error) {
    warn(state, context, messages.internalError(where, (error as Error).message))
  }
  state.selfMs += performance.now() - start
}

export function warn(state: PluginState, context: HookContext | undefined, message: string): void {
  if (typeof context?.warn === 'function') context.warn(message)
  else state.log.warn(message)
}

/** Wraps every plugin but ours; plugin lists may nest arrays and hold falsy entries. */
export function wrapPlugins(plugins: unknown, state: PluginState): void {
  const flat = flatten(plugins)
  flat.forEach((plugin, index) => {
    if (plugin.name === PLUGIN_NAME) return
    wrapPluginHooks(plugin, index, state)
  })
}

function flatten(value: unknown): (Record<string, unknown> & { name?: string })[] {
  if (Array.isArray(value)) return value.flatMap(flatten)
  if (value && typeof value === 'object' && typeof (value as { then?: unknown }).then !== 'function') {
    return [value as Record<string, unknown>]
  }
  return []
}

/** Build and output hooks shared by Vite, Rollup and Rolldown. */
export function rollupFamilyHooks(state: PluginState) {
  return {
    buildStart: {
      // First among parallel buildStart hooks, so others' buildStart is timed inside the session.
      order: 'pre' as const,
      handler(this: HookContext) {
        guard(state, this, 'buildStart', () => {
          const session = state.startSession(this, performance.now())
          session.marks.buildStart = performance.now()
        })
      },
    },
    buildEnd(this: HookContext, error?: Error) {
      guard(state, this, 'buildEnd', () => {
        const session = state.session(this)
        if (!session) return
        if (error) session.failed = true
        session.marks.buildEnd = performance.now()
        // Complete once the graph is, and read after this hook returns (Rollup: an iterator over its module map;
        // Rolldown: a fresh array).
        const context = this
        session.moduleIds = () => context.getModuleIds?.() ?? []
        // The bundler renders natively now and the main thread is mostly free: prepare the record's other parts.
        startPreparing(session, state)
      })
    },
    renderStart(this: HookContext) {
      guard(state, this, 'renderStart', () => {
        const session = state.session(this)
        if (session) session.marks.renderStart ??= performance.now()
      })
    },
    generateBundle: {
      order: 'post' as const,
      async handler(this: HookContext, _outputOptions: unknown, bundle: BundleLike) {
        const session = state.session(this)
        if (!session) return
        const start = performance.now()
        try {
          const fromPublic = publicFiles(bundle, state, session.init.environment)
          if (state.options.buildInfo) await emitBuildInfo(this, state, { ...bundle, ...fromPublic })
          session.collect(bundle, state.sizeCalculator(), fromPublic)
          session.bundles.push(bundle)
          startPreparing(session, state)
        } catch (error) {
          warn(state, this, messages.internalError('generateBundle', (error as Error).message))
        }
        session.marks.generateBundle = performance.now()
        state.selfMs += session.marks.generateBundle - start
      },
    },
    writeBundle: {
      // First: the files are written when writeBundle hooks start, and reading them overlaps the others' work (Vite's
      // reporter compresses every chunk again).
      order: 'pre' as const,
      async handler(
        this: HookContext & { error(message: string): never },
        options: { dir?: string; file?: string },
        bundle: BundleLike,
      ) {
        const session = state.session(this)
        if (!session) return
        guard(state, this, 'writeBundle', () => {
          const dir = options.dir ?? (options.file ? dirname(options.file) : null)
          if (dir) session.measureWritten(dir, bundle, state.sizeCalculator(), state.topModulesCache())
        })
        if (!state.options.html) return
        let outcome: Awaited<ReturnType<typeof validatePages>>
        try {
          outcome = await validatePages(state, session, bundle)
        } catch (error) {
          warn(state, this, messages.internalError('HTML validation', (error as Error).message))
          return
        }
        if (!outcome) return
        // The only way this plugin fails a build: the user set html.validate to 'error'.
        if (outcome.fail) this.error(outcome.summary)
        warn(state, this, outcome.summary)
      },
    },
    renderError(this: HookContext) {
      const session = state.session(this)
      if (session) session.failed = true
    },
    async closeBundle(this: HookContext) {
      const session = state.session(this)
      if (!session) return
      session.marks.closeBundle = performance.now()
      state.endSession(session)
      // A failed build has no complete outputs (our generateBundle, which runs last, never finished): recording it
      // would show as a huge drop in every trend.
      if (session.failed || session.marks.generateBundle === undefined) {
        state.log.debug('build failed: no record written')
        await state.releaseSizes().catch(() => {})
        return
      }
      try {
        await finishSession(session, state, this)
      } catch (error) {
        warn(state, this, messages.internalError('closeBundle', (error as Error).message))
      } finally {
        await state.releaseSizes().catch(() => {})
      }
    },
  }
}

function startPreparing(session: BuildSession, state: PluginState): void {
  if (session.prepared) return
  session.prepared = prepareFinish(session, state)
  // Awaited in closeBundle, where a fault becomes a warning; until then it must not count as unhandled.
  session.prepared.catch(() => {})
}

/** The files Vite copies from the public folder that the bundle does not hold. */
function publicFiles(bundle: BundleLike, state: PluginState, environment: string | null): BundleLike {
  // Vite copies the public folder for the client build only.
  if (!state.publicDir || (environment !== null && environment !== 'client')) return {}
  const extra = readPublicFiles(state.publicDir).filter((file) => !(file.fileName in bundle))
  return Object.fromEntries(extra.map((file) => [file.fileName, file]))
}

/** `files`: the bundle and the public files, all that is deployed. */
async function emitBuildInfo(context: HookContext, state: PluginState, files: BundleLike): Promise<void> {
  const fileName = state.options.buildInfo!.fileName
  const session = state.session(context)!
  // Started at buildEnd (prepareFinish) and done by now.
  const { git } = await session.context
  const info = createBuildInfo({
    commitSha: deployedCommit(process.env, git.sha),
    recordId: session.id,
    builtAt: session.createdAt,
    outputs: Object.values(files).map((item) => ({
      fileName: item.fileName,
      content: item.type === 'chunk' ? item.code : item.source,
    })),
  })
  context.emitFile?.({ type: 'asset', fileName, source: `${JSON.stringify(info, null, 2)}\n` })
}
