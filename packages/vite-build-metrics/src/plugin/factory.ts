import type { UnpluginFactory } from 'unplugin'
import { type BuildMetricsOptions, resolveOptions } from '../options.js'
import { esbuildSetup } from './esbuild-setup.js'
import { PluginState } from './plugin-state.js'
import { guard, PLUGIN_NAME, rollupFamilyHooks, wrapPlugins } from './rollup-hooks.js'
import { viteHooks } from './vite-hooks.js'
import { webpackSetup } from './webpack-setup.js'

/**
 * The build-metrics plugin for every bundler unplugin supports. It adds no resolveId/load/transform of its own (an
 * unfiltered one would send every module across Rolldown's JS boundary); everything it needs it reads from the bundle.
 */
export const buildMetricsFactory: UnpluginFactory<BuildMetricsOptions | undefined> = (userOptions, meta) => {
  // unplugin fills `meta.versions` in after buildStart, so it is read late.
  const state = new PluginState(
    resolveOptions(userOptions),
    meta.framework,
    () => meta.versions?.[meta.framework] ?? null,
  )
  const shared = rollupFamilyHooks(state)
  // Rollup and Rolldown: `options` is the first hook and sees the whole plugin list.
  const options = (inputOptions: { plugins?: unknown }) => {
    guard(state, undefined, 'options', () => {
      state.pendingStart = performance.now()
      state.prefetchGitHead()
      wrapPlugins(inputOptions.plugins, state)
    })
    return null
  }
  return {
    name: PLUGIN_NAME,
    vite: { ...shared, ...viteHooks(state) },
    rollup: { ...shared, options },
    rolldown: { ...shared, options },
    esbuild: { setup: esbuildSetup(state) as never },
    webpack: webpackSetup(state) as never,
    rspack: webpackSetup(state) as never,
  }
}
