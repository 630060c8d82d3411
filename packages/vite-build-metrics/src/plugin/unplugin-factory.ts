import { esbuildSetup } from './esbuild-setup.js'
import { type BuildMetricsFactory, pluginState, rollupFamilyPlugins } from './factory.js'
import { webpackSetup } from './webpack-setup.js'

/**
 * The plugin for every bundler unplugin supports (the package's main entry): the Rollup family plus esbuild, webpack
 * and Rspack.
 */
export const unpluginFactory: BuildMetricsFactory = (userOptions, meta) => {
  const state = pluginState(userOptions, meta)
  return {
    ...rollupFamilyPlugins(state),
    esbuild: { setup: esbuildSetup(state) as never },
    webpack: webpackSetup(state) as never,
    rspack: webpackSetup(state) as never,
  }
}
