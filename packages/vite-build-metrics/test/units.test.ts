import { describe, expect, it } from 'vitest'
import { countModules } from '../src/collect/modules.js'
import { gradeBuildTime } from '../src/record/status.js'
import { HookTimer, overlapped } from '../src/timing/hook-timer.js'
import { computePhases } from '../src/timing/phases.js'
import { wrapPluginHooks } from '../src/timing/wrap-hooks.js'

function fakeClock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('HookTimer', () => {
  it('keeps total = busy + overlap for concurrent calls', () => {
    const clock = fakeClock()
    const timer = new HookTimer(clock.now)
    const plugin = { name: 'p', index: 0 }
    const a = timer.start(plugin, 'load') // t=0
    clock.advance(10)
    const b = timer.start(plugin, 'load') // t=10, two in flight
    clock.advance(10)
    a() // t=20
    clock.advance(5)
    b() // t=25
    const row = timer.snapshot()[0]!.hooks.load!
    expect(row).toEqual({ calls: 2, totalMs: 35, busyMs: 25, overlapMs: 10 })
    expect(overlapped(row)).toBe(true)
    expect(timer.jsBusyMs).toBe(25)
  })

  it('keys rows by plugin object, not name', () => {
    const timer = new HookTimer(fakeClock().now)
    timer.start({ name: 'same', index: 1 }, 'transform')()
    timer.start({ name: 'same', index: 2 }, 'transform')()
    expect(timer.snapshot()).toHaveLength(2)
  })
})

describe('wrapPluginHooks', () => {
  const ref = (timer: HookTimer) => ({ timerFor: () => timer })

  it('keeps object hooks whole and only replaces handler', () => {
    const filter = { id: /\.css$/ }
    const handler = () => null
    const plugin: Record<string, unknown> = {
      name: 'x',
      transform: { order: 'pre', filter, sequential: true, handler },
    }
    wrapPluginHooks(plugin, 0, ref(new HookTimer()))
    const hook = plugin.transform as Record<string, unknown>
    expect(hook.filter).toBe(filter)
    expect(hook.order).toBe('pre')
    expect(hook.sequential).toBe(true)
    expect(hook.handler).not.toBe(handler)
  })

  it('keeps sync hooks sync and async hooks async, passing values and errors through', async () => {
    const timer = new HookTimer()
    const plugin: Record<string, unknown> = {
      name: 'x',
      augmentChunkHash: () => 'hash',
      load: async () => 'code',
      resolveId: () => {
        throw new Error('boom')
      },
      banner: '/* a string banner stays */',
    }
    wrapPluginHooks(plugin, 0, ref(timer))
    expect((plugin.augmentChunkHash as () => unknown)()).toBe('hash')
    const loaded = (plugin.load as () => unknown)()
    expect(loaded).toBeInstanceOf(Promise)
    expect(await loaded).toBe('code')
    expect(() => (plugin.resolveId as () => unknown)()).toThrow('boom')
    expect(plugin.banner).toBe('/* a string banner stays */')
    const hooks = timer.snapshot()[0]!.hooks
    expect(Object.keys(hooks).sort()).toEqual(['augmentChunkHash', 'load', 'resolveId'])
    expect(hooks.resolveId!.calls).toBe(1)
  })

  it('wraps a plugin object once even when reused by another build, and reports to the newest build', () => {
    const first = new HookTimer()
    const second = new HookTimer()
    const plugin: Record<string, unknown> = { name: 'x', transform: () => null }
    wrapPluginHooks(plugin, 0, ref(first))
    const once = plugin.transform
    wrapPluginHooks(plugin, 0, ref(second))
    expect(plugin.transform).toBe(once)
    ;(plugin.transform as () => unknown)()
    expect(first.snapshot()).toEqual([])
    expect(second.snapshot()[0]!.hooks.transform!.calls).toBe(1)
  })
})

describe('phases and status', () => {
  it('adds an explicit other so phases sum to the total', () => {
    const { phases, totalMs } = computePhases(
      { start: 0, buildStart: 10, buildEnd: 60, renderStart: 65, generateBundle: 90, closeBundle: 100 },
      100,
    )
    expect(totalMs).toBe(100)
    expect(phases).toEqual([
      { name: 'config', durationMs: 10 },
      { name: 'modules', durationMs: 50 },
      { name: 'render', durationMs: 25 },
      { name: 'write', durationMs: 10 },
      { name: 'other', durationMs: 5 },
    ])
  })

  it('grades build time against thresholds', () => {
    const t = { good: 60_000, warning: 120_000 }
    expect(gradeBuildTime(59_999, t)).toBe('good')
    expect(gradeBuildTime(60_000, t)).toBe('warning')
    expect(gradeBuildTime(120_000, t)).toBe('critical')
  })

  it('counts modules by origin and extension', () => {
    expect(
      countModules([
        '/app/src/a.ts',
        '/app/src/b.css?inline',
        '/app/node_modules/x/index.js',
        '\0virtual',
        'rolldown:runtime',
        '/app/src/.env',
        '/app/src.v2/Makefile',
        '/app/src/c.vue?vue&type=style&index=0.css',
        '/app/src/d.ts#frag?not-a-query.js',
        '/app/node_modules/.pnpm/y@1.0.0/node_modules/y/a.mjs?v=1.2',
      ]),
    ).toEqual({
      total: 10,
      source: 6,
      nodeModules: 2,
      byExtension: { '.ts': 2, '.css': 1, '.js': 1, '.vue': 1, '.mjs': 1, '(none)': 2 },
    })
  })
})
