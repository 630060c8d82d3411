import type { Phase } from '@shipwatch/core/build'

/** Timestamps (performance.now) a build passes through; any may be missing. */
export interface PhaseMarks {
  start: number
  buildStart?: number
  buildEnd?: number
  renderStart?: number
  generateBundle?: number
  closeBundle?: number
}

/**
 * Phases from consecutive marks — config (start → buildStart), modules (buildStart → buildEnd), render
 * (renderStart → end of generateBundle), write (end of generateBundle → closeBundle) — plus `other` for the rest,
 * so the phases always add up to the total.
 */
export function computePhases(marks: PhaseMarks, end: number): { phases: Phase[]; totalMs: number } {
  const totalMs = Math.max(0, end - marks.start)
  const span = (from?: number, to?: number) =>
    from !== undefined && to !== undefined ? Math.max(0, to - from) : null
  const named: [string, number | null][] = [
    ['config', span(marks.start, marks.buildStart)],
    ['modules', span(marks.buildStart, marks.buildEnd)],
    ['render', span(marks.renderStart, marks.generateBundle)],
    ['write', span(marks.generateBundle, marks.closeBundle ?? end)],
  ]
  const phases: Phase[] = named
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .map(([name, durationMs]) => ({ name, durationMs: round(durationMs) }))
  const covered = phases.reduce((sum, p) => sum + p.durationMs, 0)
  phases.push({ name: 'other', durationMs: round(Math.max(0, totalMs - covered)) })
  return { phases, totalMs: round(totalMs) }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
