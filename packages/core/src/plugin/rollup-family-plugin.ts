/** What an unplugin factory receives and returns, as far as the Rollup family needs it. */
export interface PluginMeta {
  framework: 'vite' | 'rollup' | 'rolldown'
  versions?: Record<string, string>
}
type RawPlugin = Record<string, unknown> & { name: string }
// The meta object is typed loosely so that unplugin's `UnpluginFactory` fits without importing unplugin.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Factory<O> = (options: O, meta: any) => unknown
type Hook = ((this: unknown, ...args: unknown[]) => unknown) | { handler: (...args: unknown[]) => unknown }

const FRAMEWORK_KEYS = [
  'vite',
  'rollup',
  'rolldown',
  'esbuild',
  'webpack',
  'rspack',
  'farm',
  'unloader',
  'bun',
]

/**
 * Turns an unplugin factory into a Vite, Rollup or Rolldown plugin the way unplugin's own adapters do for a plugin
 * without `resolveId`/`load`/`transform` (ours have none, so unplugin has no filter to translate): the framework's
 * hooks are merged over the shared ones and `meta.versions` is filled in at `buildStart`.
 * Why not unplugin itself: its one entry loads every bundler's adapter and the source-map libraries, ≈ 15 ms on
 * each `vite build`, where the whole plugin may cost 3 %. webpack, Rspack and esbuild still go through unplugin.
 */
export function rollupFamilyPlugin<O>(factory: Factory<O>, framework: PluginMeta['framework']) {
  return (options?: O): RawPlugin => {
    const meta: PluginMeta = { framework, versions: {} }
    const raw = factory(options as O, meta) as RawPlugin
    const plugin: RawPlugin = { name: raw.name }
    for (const [key, value] of Object.entries(raw)) if (!FRAMEWORK_KEYS.includes(key)) plugin[key] = value
    Object.assign(plugin, raw[framework] as object | undefined)
    fillVersionsAtBuildStart(plugin, meta)
    return plugin
  }
}

function fillVersionsAtBuildStart(plugin: RawPlugin, meta: PluginMeta): void {
  const hook = plugin.buildStart as Hook | undefined
  const original = typeof hook === 'object' ? hook.handler : hook
  function buildStart(this: { meta?: Record<string, string | undefined> } | undefined, ...args: unknown[]) {
    const versions: Record<string, string> = {}
    for (const name of ['vite', 'rollup', 'rolldown'])
      if (this?.meta?.[`${name}Version`]) versions[name] = this.meta[`${name}Version`]!
    meta.versions = versions
    return original?.apply(this, args)
  }
  plugin.buildStart = typeof hook === 'object' ? { ...hook, handler: buildStart } : buildStart
}
