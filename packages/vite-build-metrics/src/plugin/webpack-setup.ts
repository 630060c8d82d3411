import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BundleItem, BundleLike } from '@shipwatch/core/build'
import { messages } from '../messages.js'
import { finishSession } from './finish-session.js'
import { PLUGIN_NAME, type PluginState } from './plugin-state.js'

// The parts of the webpack / Rspack compiler API we use (both share it), typed structurally: optional peers.
interface Tap<T extends unknown[]> {
  tap(name: string, fn: (...args: T) => void): void
}
interface TapPromise<T extends unknown[]> {
  tapPromise(name: string, fn: (...args: T) => Promise<void>): void
}
interface CompilerLike {
  context: string
  outputPath: string
  options: { mode?: string }
  watchMode?: boolean
  outputFileSystem?: { readFileSync?: (path: string) => Buffer } | null
  hooks: { beforeRun: Tap<unknown[]>; watchRun: Tap<unknown[]>; done: TapPromise<[StatsLike]> }
}
interface StatsLike {
  hasErrors(): boolean
  compilation: {
    getAssets(): readonly { name: string }[]
    entrypoints: Map<string, { getFiles(): string[] }>
    modules: Iterable<ModuleLike>
  }
}
interface ModuleLike {
  resource?: string
  identifier?: () => string
  /** A ConcatenatedModule's inner modules. */
  modules?: Iterable<ModuleLike>
}

/**
 * webpack and Rspack: total time (beforeRun/watchRun → done), modules, and every emitted asset with its sizes.
 * Plugin hooks there are tapables, not functions we can wrap, so no per-plugin rows. Assets are read back through
 * the compiler's own output file system: after emit, webpack keeps only their sizes in memory.
 */
export function webpackSetup(state: PluginState) {
  return (compiler: CompilerLike) => {
    state.root = compiler.context
    state.mode = compiler.options.mode === 'development' ? 'development' : 'production'
    const begin = () => {
      const now = performance.now()
      const session = state.startSession({ meta: { watchMode: Boolean(compiler.watchMode) } }, now)
      session.marks.buildStart = now
    }
    compiler.hooks.beforeRun.tap(PLUGIN_NAME, begin)
    compiler.hooks.watchRun.tap(PLUGIN_NAME, begin)
    compiler.hooks.done.tapPromise(PLUGIN_NAME, async (stats) => {
      const session = state.session({})
      if (!session) return
      session.marks.closeBundle = performance.now()
      state.endSession(session)
      try {
        if (stats.hasErrors()) {
          session.failures.push({ kind: 'bundler', message: 'the compilation has errors' })
        } else {
          const { compilation } = stats
          const ids = moduleIds(compilation.modules)
          session.moduleIds = () => ids
          session.collect(bundleFromCompilation(compilation, readerFor(compiler)), state.sizeCalculator())
        }
        await finishSession(session, state, {})
      } catch (error) {
        state.log.warn(messages.internalError('done', (error as Error).message))
      } finally {
        await state.releaseSizes().catch(() => {})
      }
    })
  }
}

function readerFor(compiler: CompilerLike): (name: string) => Buffer {
  const fs = compiler.outputFileSystem
  const read = typeof fs?.readFileSync === 'function' ? fs.readFileSync.bind(fs) : readFileSync
  return (name) => Buffer.from(read(join(compiler.outputPath, name)))
}

function bundleFromCompilation(
  compilation: StatsLike['compilation'],
  read: (name: string) => Buffer,
): BundleLike {
  const entryFiles = new Set<string>()
  for (const entrypoint of compilation.entrypoints.values())
    for (const file of entrypoint.getFiles()) entryFiles.add(file)
  const bundle: BundleLike = {}
  for (const { name } of compilation.getAssets()) {
    const contents = read(name)
    const item: BundleItem = /\.(m|c)?js$/.test(name)
      ? {
          type: 'chunk',
          fileName: name,
          name,
          code: contents.toString('utf8'),
          isEntry: entryFiles.has(name),
          isDynamicEntry: false,
          facadeModuleId: null,
          imports: [],
          dynamicImports: [],
          modules: {},
        }
      : { type: 'asset', fileName: name, source: contents }
    bundle[name] = item
  }
  return bundle
}

/**
 * Module paths, once each: scope hoisting wraps modules in a ConcatenatedModule while the graph keeps them too.
 * Runtime modules have no resource and count in the total only.
 */
function moduleIds(modules: Iterable<ModuleLike>, ids = new Set<string>()): string[] {
  for (const module of modules) {
    if (module.modules) moduleIds(module.modules, ids)
    else if (module.resource) ids.add(module.resource)
    else if (module.identifier) ids.add(module.identifier())
  }
  return [...ids]
}
