import type { HookTiming } from '@shipwatch/core/build'

/** One plugin × hook row while a build runs. */
interface LiveRow {
  calls: number
  busyMs: number
  overlapMs: number
  inFlight: number
  lastChange: number
}

export interface TimedPlugin {
  name: string
  index: number
}

/**
 * Accumulates hook time the way Rolldown's own recorder does: rows keyed on the plugin object (two instances of one
 * plugin are two rows), calls counted, and at every in-flight change busy += Δt (if anything ran) and
 * overlap += (inFlight − 1) × Δt, so concurrent async calls are never silently summed.
 * Also keeps a union of all JS hook activity, to tell JS plugin time from the bundler's own.
 */
export class HookTimer {
  readonly #rows = new Map<TimedPlugin, Map<string, LiveRow>>()
  #jsInFlight = 0
  #jsLastChange = 0
  jsBusyMs = 0

  constructor(private readonly now: () => number = performance.now.bind(performance)) {}

  /** What the timed hooks threw, in order: the bundler's reason when a build fails in another plugin. */
  readonly errors: string[] = []

  /** Marks a call's start; returns the function that marks its end, with the error the call threw, if any. */
  start(plugin: TimedPlugin, hook: string): (error?: unknown) => void {
    const row = this.#row(plugin, hook)
    const t = this.now()
    this.#advance(row, t)
    this.#advanceJs(t)
    row.calls++
    row.inFlight++
    this.#jsInFlight++
    let ended = false
    return (error?: unknown) => {
      if (ended) return
      ended = true
      if (error !== undefined)
        this.errors.push(`${plugin.name} › ${hook}: ${(error as Error)?.message ?? String(error)}`)
      const end = this.now()
      this.#advance(row, end)
      this.#advanceJs(end)
      row.inFlight--
      this.#jsInFlight--
    }
  }

  /** Rows as recorded: `totalMs` = busy + overlap, the sum of every call's own duration. */
  snapshot(): { plugin: TimedPlugin; hooks: Record<string, HookTiming> }[] {
    return [...this.#rows].map(([plugin, hooks]) => ({
      plugin,
      hooks: Object.fromEntries(
        [...hooks].map(([hook, row]) => [
          hook,
          {
            calls: row.calls,
            totalMs: round(row.busyMs + row.overlapMs),
            busyMs: round(row.busyMs),
            overlapMs: round(row.overlapMs),
          },
        ]),
      ),
    }))
  }

  #row(plugin: TimedPlugin, hook: string): LiveRow {
    let hooks = this.#rows.get(plugin)
    if (!hooks) {
      hooks = new Map()
      this.#rows.set(plugin, hooks)
    }
    let row = hooks.get(hook)
    if (!row) {
      row = { calls: 0, busyMs: 0, overlapMs: 0, inFlight: 0, lastChange: 0 }
      hooks.set(hook, row)
    }
    return row
  }

  #advance(row: LiveRow, t: number): void {
    if (row.inFlight > 0) {
      const dt = t - row.lastChange
      row.busyMs += dt
      row.overlapMs += (row.inFlight - 1) * dt
    }
    row.lastChange = t
  }

  #advanceJs(t: number): void {
    if (this.#jsInFlight > 0) this.jsBusyMs += t - this.#jsLastChange
    this.#jsLastChange = t
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}

/** Calls whose overlap exceeds 1 % of their time ran concurrently: their sum is not a cost (Rolldown's rule). */
export function overlapped(timing: HookTiming): boolean {
  return timing.overlapMs > timing.totalMs * 0.01
}
