import type { UnpluginFactory } from 'unplugin'
import { type BuildMetricsOptions, resolveOptions } from '../options.js'
import { esbuildSetup } from './esbuild-setup.js'
import { PluginState } from './plugin-state.js'
import { guard, PLUGIN_NAME, rollupFamilyHooks, wrapPlugins } from './rollup-hooks.js'
import { viteHooks } from './vite-hooks.js'
import { webpackSetup } from './webpack-setup.js'

/**
 * The plugin for every bundler. It adds no resolveId/load/transform of its own (an unfiltered one would send every
 * module across Rolldown's JS boundary); everything it needs it reads from the bundle.
 */
export const buildMetricsFactory: UnpluginFactory<BuildMetricsOptions | undefined> = (userOptions, meta) => {
  const options = resolveOptions(userOptions)
  const state = new PluginState(options, meta.framework, () => meta.versions?.[meta.framework] ?? null)
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
    esbuild: { setup: esbuildSetup(state) as never },
    webpack: webpackSetup(state) as never,
    rspack: webpackSetup(state) as never,
  }
}
