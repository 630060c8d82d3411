import type { BuildRecord } from '../schema/build-record.js'

/**
 * What a trend chart needs of one build (≈ 4 kB where the record is ≈ 45 kB): stored beside each record in a history
 * database (the `point` column), so a report reads these and not the records.
 */
export interface ChartSource {
  id: string
  createdAt: string
  git: Pick<BuildRecord['git'], 'sha' | 'branch' | 'subject'>
  outcome: Pick<BuildRecord['outcome'], 'result'>
  durationMs: number
  phases: BuildRecord['phases']
  /** Each page's initial load. */
  pages: { html: string; initial: { size: number; gzip?: number } }[]
  plugins: BuildRecord['plugins']
  /** Every output but source maps. */
  totalBytes: number
}

export function chartSource(record: BuildRecord): ChartSource {
  return {
    id: record.id,
    createdAt: record.createdAt,
    git: { sha: record.git.sha, branch: record.git.branch, subject: record.git.subject },
    outcome: { result: record.outcome.result },
    durationMs: record.durationMs,
    phases: record.phases,
    pages: record.pages.map((p) => ({
      html: p.html,
      initial:
        p.initial.gzip === undefined
          ? { size: p.initial.size }
          : { size: p.initial.size, gzip: p.initial.gzip },
    })),
    plugins: record.plugins,
    totalBytes: record.outputs.filter((o) => o.kind !== 'map').reduce((sum, o) => sum + o.size, 0),
  }
}
