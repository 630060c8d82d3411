import { rollupFamilyPlugin } from '@shipwatch/core/lite'
import { createUnplugin } from 'unplugin'
import { describe, expect, it } from 'vitest'
import { bundleBudgetFactory } from '../../bundle-budget/src/plugin/plugin.js'
import { buildMetricsFactory } from '../src/plugin/factory.js'
import { unpluginFactory } from '../src/plugin/unplugin-factory.js'

// unplugin also leaves each bundler's option object on the plugin; bundlers ignore those keys.
const BUNDLER_KEYS = new Set(['vite', 'rollup', 'rolldown', 'esbuild', 'webpack', 'rspack'])

/** Hook names with their `order`, the shape a bundler sees. */
function shape(plugin: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(plugin)
      .filter(([key, value]) => value !== undefined && !BUNDLER_KEYS.has(key))
      .map(([key, value]) => [
        key,
        typeof value === 'function'
          ? 'function'
          : value && typeof value === 'object' && 'handler' in value
            ? { order: (value as { order?: string }).order ?? null, handler: typeof value.handler }
            : typeof value,
      ]),
  )
}

describe('the Rollup-family adapter (the vite/rollup/rolldown entries, without unplugin at runtime)', () => {
  // build-metrics: its per-bundler entries use a factory without the webpack and esbuild parts; the main entry's
  // (unplugin) factory must give the Rollup family the same plugin.
  for (const [name, factory, unpluginOne] of [
    ['build-metrics', buildMetricsFactory, unpluginFactory],
    ['bundle-budget', bundleBudgetFactory, bundleBudgetFactory],
  ] as const) {
    for (const framework of ['vite', 'rollup', 'rolldown'] as const) {
      it(`gives ${name} the same hooks and orders as unplugin's ${framework} adapter`, () => {
        const viaUnplugin = createUnplugin(unpluginOne as never)[framework]({}) as unknown as Record<
          string,
          unknown
        >
        const ours = rollupFamilyPlugin(factory as never, framework)({})
        expect(shape(ours)).toEqual(shape(viaUnplugin))
        expect(ours.name).toBe(viaUnplugin.name)
      })
    }
  }

  it('fills meta.versions from the bundler at buildStart, as unplugin does', () => {
    let seen: Record<string, string> | undefined
    const plugin = rollupFamilyPlugin((_options, meta) => {
      return {
        name: 'probe',
        buildStart() {
          seen = meta.versions
        },
      }
    }, 'vite')()
    ;(plugin.buildStart as (this: unknown) => void).call({
      meta: { viteVersion: '8.3.8', rolldownVersion: '1.2.19' },
    })
    expect(seen).toEqual({ vite: '8.3.8', rolldown: '1.2.19' })
  })
})
