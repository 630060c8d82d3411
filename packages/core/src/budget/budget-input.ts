import { outputIdentity } from '../attribution/output-identity.js'
import { initialFiles } from '../bundle/initial-set.js'
import type { BuildRecord, OutputKind } from '../schema/build-record.js'

/** One output file as budgets see it. */
export interface BudgetFile {
  fileName: string
  kind: OutputKind
  size: number
  gzip?: number
  brotli?: number
  isEntry: boolean
  name: string | null
  /** The chunk's recorded modules, largest first (`OutputFile.modules`). */
  modules: { id: string; size: number }[]
  /** Rendered bytes per package (`name@version`). */
  packages?: Record<string, number>
  /** What the file is, whatever its hash (`outputIdentity`); its hashless name when unknown. */
  identity?: string
}

/** What rules are evaluated against: the files, and the initial set of each page and each entry. */
export interface BudgetInput {
  files: BudgetFile[]
  pages: { html: string; files: string[] }[]
  entries: { name: string; files: string[] }[]
}

/** Budget input from a build record (the current build, or the baseline from history). */
export function inputFromRecord(record: Pick<BuildRecord, 'outputs' | 'pages'>): BudgetInput {
  // Each entry's initial set, walked the way pages' are (`initialFiles`).
  const graph = new Map(
    record.outputs.map((o) => [o.fileName, { fileName: o.fileName, imports: o.imports, css: o.css ?? [] }]),
  )
  return {
    files: record.outputs.map((o) => ({
      fileName: o.fileName,
      kind: o.kind,
      size: o.size,
      ...(o.gzip === undefined ? {} : { gzip: o.gzip }),
      ...(o.brotli === undefined ? {} : { brotli: o.brotli }),
      isEntry: o.isEntry,
      name: o.name ?? null,
      modules: o.modules,
      ...(o.packages ? { packages: o.packages } : {}),
      identity: outputIdentity(o),
    })),
    pages: record.pages.map((p) => ({ html: p.html, files: p.initial.files })),
    entries: record.outputs
      .filter((o) => o.isEntry && o.name)
      .map((o) => ({ name: o.name!, files: initialFiles(o.fileName, graph) })),
  }
}
