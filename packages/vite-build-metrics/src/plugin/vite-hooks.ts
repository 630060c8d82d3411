import type { PluginState } from './plugin-state.js'
import { guard, wrapPlugins } from './rollup-hooks.js'

/** The parts of Vite's resolved config we read. */
export interface ViteConfigLike {
  root: string
  mode: string
  plugins: readonly unknown[]
  publicDir: string
  base: string
  build: { copyPublicDir?: boolean }
  logger: { info(msg: string): void; warn(msg: string): void; error(msg: string): void }
}

/** Vite-only hooks: the build starts at config resolution, and plugins are wrapped once Vite has them all. */
export function viteHooks(state: PluginState) {
  return {
    config: {
      order: 'pre' as const,
      handler() {
        state.pendingStart = performance.now()
      },
    },
    configResolved(config: ViteConfigLike) {
      guard(state, undefined, 'configResolved', () => {
        state.root = config.root
        state.mode = config.mode === 'development' ? 'development' : 'production'
        state.useSink(config.logger)
        state.base = config.base || '/'
        state.publicDir = config.build.copyPublicDir === false ? null : config.publicDir || null
        state.prefetchGitHead()
        // Rolldown reads hooks when the build starts, so wrapping here (before it) is the only moment that counts.
        wrapPlugins(config.plugins, state)
      })
    },
  }
}
