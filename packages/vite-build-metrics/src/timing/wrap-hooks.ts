import type { HookTimer, TimedPlugin } from './hook-timer.js'

/**
 * Hooks we time. Config-time hooks (`config`, `configResolved`, `options`) have run before we can wrap.
 * `banner`/`footer`/`intro`/`outro` may be strings: only functions are wrapped.
 */
export const TIMED_HOOKS = [
  'buildStart',
  'resolveId',
  'resolveDynamicImport',
  'load',
  'shouldTransformCachedModule',
  'transform',
  'moduleParsed',
  'buildEnd',
  'renderStart',
  'banner',
  'footer',
  'intro',
  'outro',
  'renderDynamicImport',
  'resolveFileUrl',
  'resolveImportMeta',
  'augmentChunkHash',
  'renderChunk',
  'generateBundle',
  'writeBundle',
  'closeBundle',
  'renderError',
  'outputOptions',
  'onLog',
  'watchChange',
  'closeWatcher',
  'transformIndexHtml',
] as const

const WRAPPED = Symbol.for('shipwatch.wrapped-hook')

/** Where a wrapped hook reports; swapped per build so a plugin object reused across builds is wrapped once. */
export interface TimerRef {
  timerFor(context: unknown): HookTimer | null
}

interface WrappedFunction {
  (this: unknown, ...args: unknown[]): unknown
  [WRAPPED]?: { ref: TimerRef }
}

type PluginLike = Record<string, unknown> & { name?: string }

/** Wraps every plugin of a bundler's list but the one named `except`; lists may nest arrays and hold falsy entries. */
export function wrapPlugins(plugins: unknown, ref: TimerRef, except: string): void {
  flatten(plugins).forEach((plugin, index) => {
    if (plugin.name !== except) wrapPluginHooks(plugin, index, ref)
  })
}

function flatten(value: unknown): PluginLike[] {
  if (Array.isArray(value)) return value.flatMap(flatten)
  if (value && typeof value === 'object' && typeof (value as { then?: unknown }).then !== 'function')
    return [value as PluginLike]
  return []
}

/**
 * Wraps every timed hook of `plugin` in place. Object hooks keep `order`, `filter` and `sequential`: only `handler`
 * is replaced (dropping a filter sends every module across the JS boundary, and can break Vite 8 builds).
 * A sync hook stays sync; `.then` is attached only when a hook returns a thenable.
 */
export function wrapPluginHooks(plugin: PluginLike, index: number, ref: TimerRef): void {
  const timed: TimedPlugin = { name: String(plugin.name ?? `(anonymous plugin #${index})`), index }
  for (const hook of TIMED_HOOKS) {
    const value = plugin[hook]
    if (typeof value === 'function') {
      plugin[hook] = wrapHandler(value as WrappedFunction, timed, hook, ref)
    } else if (
      value &&
      typeof value === 'object' &&
      typeof (value as { handler?: unknown }).handler === 'function'
    ) {
      const objectHook = value as { handler: WrappedFunction }
      plugin[hook] = { ...objectHook, handler: wrapHandler(objectHook.handler, timed, hook, ref) }
    }
  }
}

function wrapHandler(
  original: WrappedFunction,
  plugin: TimedPlugin,
  hook: string,
  ref: TimerRef,
): WrappedFunction {
  const existing = original[WRAPPED]
  if (existing) {
    // Already wrapped by an earlier build of ours: point it at this build.
    existing.ref = ref
    return original
  }
  const state = { ref }
  const wrapped: WrappedFunction = function (this: unknown, ...args: unknown[]) {
    const timer = state.ref.timerFor(this)
    if (!timer) return original.apply(this, args)
    const end = timer.start(plugin, hook)
    let result: unknown
    try {
      result = original.apply(this, args)
    } catch (error) {
      end(error)
      throw error
    }
    if (isThenable(result)) {
      return result.then(
        (value) => {
          end()
          return value
        },
        (error: unknown) => {
          end(error)
          throw error
        },
      )
    }
    end()
    return result
  }
  Object.defineProperty(wrapped, 'name', { value: original.name })
  wrapped[WRAPPED] = state
  return wrapped
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
