import type { UnpluginFactory } from 'unplugin'
import { type BuildMetricsOptions, resolveOptions } from '../options.js'
import { PluginState } from './plugin-state.js'
import { guard, PLUGIN_NAME, rollupFamilyHooks, wrapPlugins } from './rollup-hooks.js'
import { viteHooks } from './vite-hooks.js'

export type BuildMetricsFactory = UnpluginFactory<BuildMetricsOptions | undefined>

/**
 * The plugin for Vite, Rollup and Rolldown: what their entries bundle, so a `vite.config.ts` parses no webpack or
 * esbuild code (`unpluginFactory` adds those). It adds no resolveId/load/transform of its own (an unfiltered one
 * would send every module across Rolldown's JS boundary); everything it needs it reads from the bundle.
 */
export const buildMetricsFactory: BuildMetricsFactory = (userOptions, meta) =>
  rollupFamilyPlugins(pluginState(userOptions, meta))

/** One plugin instance's state; unplugin fills `meta.versions` in after buildStart, so it is read late. */
export function pluginState(
  userOptions: BuildMetricsOptions | undefined,
  meta: Parameters<BuildMetricsFactory>[1],
): PluginState {
  return new PluginState(
    resolveOptions(userOptions),
    meta.framework,
    () => meta.versions?.[meta.framework] ?? null,
  )
}

export function rollupFamilyPlugins(state: PluginState) {
  const shared = rollupFamilyHooks(state)
  // Rollup and Rolldown: `options` is the first hook and sees the whole plugin list.
  const optionsHook = {
    options(inputOptions: { plugins?: unknown; mode?: unknown }) {
      guard(state, undefined, 'options', () => {
        state.pendingStart = performance.now()
        state.prefetchGitHead()
        wrapPlugins(inputOptions.plugins, state)
      })
      return null
    },
  }
  return {
    name: PLUGIN_NAME,
    vite: { ...shared, ...viteHooks(state) },
    rollup: { ...shared, ...optionsHook },
    rolldown: { ...shared, ...optionsHook },
  }
}
