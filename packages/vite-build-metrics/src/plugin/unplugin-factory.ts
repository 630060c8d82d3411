import { resolveOptions } from '../options.js'
import { esbuildSetup } from './esbuild-setup.js'
import { type BuildMetricsFactory, frameworkVersion, rollupFamilyPlugins } from './factory.js'
import { PluginState } from './plugin-state.js'
import { webpackSetup } from './webpack-setup.js'

/** The plugin for every bundler unplugin supports (the package's main entry): the Rollup family plus esbuild, webpack and Rspack. */
export const unpluginFactory: BuildMetricsFactory = (userOptions, meta) => {
  const state = new PluginState(resolveOptions(userOptions), meta.framework, () => frameworkVersion(meta))
  return {
    ...rollupFamilyPlugins(state),
    esbuild: { setup: esbuildSetup(state) as never },
    webpack: webpackSetup(state) as never,
    rspack: webpackSetup(state) as never,
  }
}
