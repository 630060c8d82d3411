import type { BuildRecord } from '../schema/build-record.js'
import { mad, median } from './stats.js'

/** A timing's runs in a baseline window: all the statistical gate needs, whether counted here or in SQL. */
export interface SeriesStats {
  runs: number
  median: number
  /** Scaled median absolute deviation (see `mad`). */
  mad: number
  min: number
  max: number
}

/** Each timing metric's stats over a window, by metric id (`time.total`, `time.phase.*`, `time.hook.*`). */
export type WindowStats = Map<string, SeriesStats>

/**
 * Every timing a build record holds, by metric id: the total, each phase, and the busy time of every plugin × hook
 * (all of them: the current build decides which are compared). The SQL window in `history/postgres/series-queries.ts`
 * names the same ids from the same fields.
 */
export function timingSamples(record: BuildRecord): { id: string; value: number }[] {
  return [
    { id: 'time.total', value: record.durationMs },
    ...record.phases.map((p) => ({ id: `time.phase.${p.name}`, value: p.durationMs })),
    ...record.plugins.flatMap((p) =>
      Object.entries(p.hooks).map(([hook, t]) => ({
        id: `time.hook.${p.name}#${p.index}.${hook}`,
        value: t.busyMs,
      })),
    ),
  ]
}

export function seriesStats(values: readonly number[]): SeriesStats | undefined {
  if (values.length === 0) return undefined
  return {
    runs: values.length,
    median: median(values),
    mad: mad(values),
    min: Math.min(...values),
    max: Math.max(...values),
  }
}

/** The window's stats, computed from its records. */
export function windowStats(window: readonly BuildRecord[]): WindowStats {
  const series = new Map<string, number[]>()
  for (const record of window)
    for (const { id, value } of timingSamples(record)) {
      const list = series.get(id) ?? []
      list.push(value)
      series.set(id, list)
    }
  return new Map([...series].map(([id, values]) => [id, seriesStats(values)!]))
}
