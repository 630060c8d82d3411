import { dirname } from 'node:path'
import {
  type BuildMetricsApi,
  type BundleLike,
  connectEarly,
  MISSING_HTML_VALIDATE,
  readPublicFiles,
} from '@shipwatch/core/build'
import { messages } from '../messages.js'
import { emitBuildInfo } from '../record/build-info.js'
import { wrapPlugins } from '../timing/wrap-hooks.js'
import type { BuildSession } from './build-session.js'
import { finishSession, prepareFinish, runGates } from './finish-session.js'
import { type HookContext, PLUGIN_NAME, type PluginState } from './plugin-state.js'
import { validatePages } from './validate-pages.js'

/** The parts of Vite's resolved config we read. */
interface ViteConfigLike {
  root: string
  mode: string
  plugins: readonly unknown[]
  publicDir: string
  base: string
  build: { copyPublicDir?: boolean }
  logger: { info(msg: string): void; warn(msg: string): void; error(msg: string): void }
}

type FailingContext = HookContext & { error(message: string): never }

/** What other plugins may use (`plugin.api`): bundle-budget adds its budgets as a gate. */
export function createApi(state: PluginState): BuildMetricsApi {
  return { addGate: (gate) => state.gates.add(gate) }
}

/** The Vite and Rollup-family hooks, in the order a build calls them. */
export function createHooks(state: PluginState) {
  /** Rollup and Rolldown: the first hook, which sees the whole plugin list. */
  function options(inputOptions: { plugins?: unknown }) {
    state.guard(undefined, 'options', () => {
      state.pendingStart = performance.now()
      state.prefetchGitHead()
      wrapPlugins(inputOptions.plugins, state, PLUGIN_NAME)
    })
    return null
  }

  const vite = {
    /** Vite: the build starts at config resolution. */
    config: {
      order: 'pre' as const,
      handler() {
        state.pendingStart = performance.now()
      },
    },
    configResolved(config: ViteConfigLike) {
      state.guard(undefined, 'configResolved', () => {
        state.root = config.root
        state.mode = config.mode === 'development' ? 'development' : 'production'
        state.useSink(config.logger)
        state.base = config.base || '/'
        state.publicDir = config.build.copyPublicDir === false ? null : config.publicDir || null
        state.prefetchGitHead()
        // Rolldown reads hooks when the build starts, so wrapping here (before it) is the only moment that counts.
        wrapPlugins(config.plugins, state, PLUGIN_NAME)
      })
    },
  }

  const build = {
    buildStart: {
      // First among parallel buildStart hooks, so others' buildStart is timed inside the session.
      order: 'pre' as const,
      handler(this: HookContext) {
        state.guard(this, 'buildStart', () => {
          const session = state.startSession(this, performance.now())
          session.marks.buildStart ??= performance.now()
          // The database handshake overlaps the bundling; the send at the end is then one insert.
          if (state.sendsToDatabase(session.init.watchRebuild))
            session.database ??= connectEarly(state.options.historyUrl!)
        })
      },
    },
    buildEnd(this: HookContext, error?: Error) {
      state.guard(this, 'buildEnd', () => {
        const session = state.session(this)
        if (!session) return
        if (error) session.failures.push({ kind: 'bundler', message: error.message })
        // The first pass's graph is the modules phase; later passes (a library's other formats) count as render.
        session.marks.buildEnd ??= performance.now()
        // Complete once the graph is, and read after this hook returns.
        const context = this
        session.moduleIds = () => context.getModuleIds?.() ?? []
        // The bundler renders natively now and the main thread is mostly free: prepare the record's other parts.
        startPreparing(session)
      })
    },
    renderStart(this: HookContext) {
      const session = state.session(this)
      if (session) session.marks.renderStart ??= performance.now()
    },
    generateBundle: {
      order: 'post' as const,
      async handler(this: HookContext, _outputOptions: unknown, bundle: BundleLike) {
        const session = state.session(this)
        if (!session) return
        const start = performance.now()
        try {
          const fromPublic = publicFiles(bundle, state, session.init.environment)
          if (state.options.buildInfo)
            await emitBuildInfo(this, state.options.buildInfo, session, { ...bundle, ...fromPublic })
          session.collect(bundle, state.sizeCalculator(), fromPublic)
          if (this.getModuleInfo) session.moduleInfo = (id) => this.getModuleInfo!(id)
          startPreparing(session)
        } catch (error) {
          state.warn(this, messages.internalError('generateBundle', (error as Error).message))
        }
        session.marks.generateBundle = performance.now()
        state.selfMs += session.marks.generateBundle - start
      },
    },
    writeBundle: {
      // First: reading the written files overlaps the other writeBundle hooks (Vite's reporter compresses again).
      order: 'pre' as const,
      async handler(this: FailingContext, options: { dir?: string; file?: string }, bundle: BundleLike) {
        const session = state.session(this)
        if (!session) return
        state.guard(this, 'writeBundle', () => {
          const dir = options.dir ?? (options.file ? dirname(options.file) : null)
          if (dir) session.measureWritten(dir, bundle, state.sizeCalculator())
        })
        if (state.options.html) await checkPages(this, state, session, bundle)
      },
    },
    renderError(this: HookContext, error?: Error) {
      const session = state.session(this)
      if (session)
        session.failures.push({ kind: 'bundler', message: error?.message ?? 'the bundler failed to render' })
    },
    async closeBundle(this: HookContext) {
      const session = state.session(this)
      if (!session) return
      session.marks.closeBundle = performance.now()
      state.endSession(session)
      // A build that ends before its outputs were generated failed: a plugin hook threw (Rolldown calls no renderError
      // for a generateBundle that throws), or nobody said why.
      if (session.marks.generateBundle === undefined && session.failures.length === 0) {
        const thrown = session.timer.errors.map((message) => ({ kind: 'bundler' as const, message }))
        const unknown = {
          kind: 'bundler' as const,
          message: 'the build ended before its outputs were generated',
        }
        session.failures.push(...(thrown.length > 0 ? thrown : [unknown]))
      }
      try {
        await finishSession(session, state, this)
      } catch (error) {
        state.warn(this, messages.internalError('closeBundle', (error as Error).message))
        // Every gate hears of every build, or its plugin would wait for the verdict forever.
        await runGates(session, state, this, null)
      }
      await state.releaseSizes().catch(() => {})
      // Unused when the record could not be written.
      await session.database?.close()
    },
  }

  return { options, vite: { ...vite, ...build }, build }
}

function startPreparing(session: BuildSession): void {
  if (session.prepared) return
  session.prepared = prepareFinish(session)
  // Awaited in closeBundle, where a fault becomes a warning; until then it must not count as unhandled.
  session.prepared.catch(() => {})
}

/** Validates the written pages; fails the build only when the user set html.validate to 'error'. */
async function checkPages(
  context: FailingContext,
  state: PluginState,
  session: BuildSession,
  bundle: BundleLike,
) {
  let outcome: Awaited<ReturnType<typeof validatePages>>
  try {
    outcome = await validatePages(state, session, bundle)
  } catch (error) {
    // Not installed is the user's setup, not our fault: validation they asked to gate on fails the build.
    if ((error as { code?: unknown }).code === MISSING_HTML_VALIDATE) {
      outcome = { summary: (error as Error).message, fail: state.options.html?.mode === 'error' }
    } else {
      state.warn(context, messages.internalError('HTML validation', (error as Error).message))
      return
    }
  }
  if (!outcome) return
  if (outcome.fail) {
    session.failures.push({ kind: 'html', message: outcome.summary.split('\n')[0]! })
    context.error(outcome.summary)
  }
  state.warn(context, outcome.summary)
}

/** The files Vite copies from the public folder that the bundle does not hold. */
function publicFiles(bundle: BundleLike, state: PluginState, environment: string | null): BundleLike {
  // Vite copies the public folder for the client build only.
  if (!state.publicDir || (environment !== null && environment !== 'client')) return {}
  const extra = readPublicFiles(state.publicDir).filter((file) => !(file.fileName in bundle))
  return Object.fromEntries(extra.map((file) => [file.fileName, file]))
}
