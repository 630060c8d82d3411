import type { UnpluginFactory } from 'unplugin'
import { type BuildMetricsOptions, resolveOptions } from '../options.js'
import { esbuildSetup } from './esbuild-setup.js'
import { createApi, createHooks } from './hooks.js'
import { PLUGIN_NAME, PluginState } from './plugin-state.js'
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
  const hooks = createHooks(state)
  return {
    name: PLUGIN_NAME,
    api: createApi(state),
    vite: hooks.vite,
    rollup: { ...hooks.build, options: hooks.options },
    rolldown: { ...hooks.build, options: hooks.options },
    esbuild: { setup: esbuildSetup(state) as never },
    webpack: webpackSetup(state) as never,
    rspack: webpackSetup(state) as never,
  }
}
