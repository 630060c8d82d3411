import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import {
  type BuildRecord,
  type BundleLike,
  type CollectedOutput,
  collectOutputs,
  type EarlyConnection,
  type FailureReason,
  fillModules,
  type GitHead,
  type HtmlResult,
  ModuleNamer,
  type RecordContext,
  readRecordContext,
  type SizeCalculator,
  type SizedFile,
} from '@shipwatch/core/build'
import type { GraphModule } from '../collect/import-chains.js'
import { HookTimer } from '../timing/hook-timer.js'
import type { PhaseMarks } from '../timing/phases.js'

export interface SessionStart {
  environment: string | null
  start: number
  root: string
  baseBranch: string | null
  watchRebuild: boolean
  /** HEAD's facts, started when the config was resolved. */
  gitHead: Promise<GitHead>
}

/** What the record needs that does not depend on sizes, prepared while the bundler renders (`prepareFinish`). */
export interface PreparedFinish {
  recordContext: RecordContext
  modules: BuildRecord['modules']
  /** Told as warnings once a hook context is there to tell them through. */
  warnings: string[]
}

/** Everything one build (one Vite environment, one Rollup/Rolldown run) observes until closeBundle. */
export class BuildSession {
  readonly id = randomUUID()
  readonly createdAt = new Date().toISOString()
  readonly timer = new HookTimer()
  readonly marks: PhaseMarks
  /**
   * Every module id of the build, asked for once, after buildEnd (`graphModuleIds`): Rolldown copies them across its
   * native boundary, which in buildEnd would hold up rendering.
   */
  moduleIds: () => Iterable<string> = () => []
  /** HTML validation results of the emitted pages, when validation is on. */
  html: HtmlResult[] | null = null
  /** Why the build failed, as the bundler and the checks report it; empty while it succeeds. */
  readonly failures: FailureReason[] = []
  /** Set once the gates other plugins added have seen this build (`runGates`). */
  gated = false
  outputs: CollectedOutput[] = []
  /** Sizes by file name, settled once every collected output is sized. */
  sizes: Promise<Map<string, SizedFile>> = Promise.resolve(new Map())
  /** The history database's connection, opened as the build started (`connectEarly`); closed when it finishes. */
  database: EarlyConnection | null = null
  /** Started at buildEnd (or, failing that, the first generateBundle); see `prepareFinish`. */
  prepared: Promise<PreparedFinish> | null = null
  /** Names modules the way records do, relative to the root; reads each package's version once. */
  readonly namer: ModuleNamer
  /** Settles once every collected chunk has its modules; never rejects. */
  modulesFilled: Promise<void> = Promise.resolve()
  /** The modules that get an import chain in the record: raw ids by record name. */
  readonly chainTargets = new Map<string, string>()
  /** The bundler's module graph, as a plugin context answers for it (Rollup, Rolldown, Vite). */
  moduleInfo: ((id: string) => GraphModule | null) | null = null
  /** Faults of deferred work, reported as warnings when the session finishes. */
  readonly deferredErrors: string[] = []
  /** Collected outputs not sized yet: they wait for writeBundle, to be sized from the written files. */
  #unsized: CollectedOutput[] = []
  #context: Promise<RecordContext> | null = null

  constructor(readonly init: SessionStart) {
    this.marks = { start: init.start }
    this.namer = new ModuleNamer(init.root)
  }

  /** Git, CI and machine facts, gathered once. */
  get context(): Promise<RecordContext> {
    this.#context ??= readRecordContext({
      cwd: this.init.root,
      baseRef: this.init.baseBranch,
      head: this.init.gitHead,
    })
    return this.#context
  }

  /**
   * generateBundle: reads a bundle's outputs; sizing waits for the written files (`measureWritten`). Files not in the
   * bundle itself (Vite's public folder) are sized now. Multi-output builds call this once per output.
   */
  collect(bundle: BundleLike, calculator: SizeCalculator, extraFiles: BundleLike = {}): void {
    const outputs = collectOutputs({ ...bundle, ...extraFiles })
    this.outputs.push(...outputs)
    const inBundle = outputs.filter((o) => o.file.fileName in bundle)
    this.#unsized.push(...inBundle)
    this.#measure(
      outputs.filter((o) => !(o.file.fileName in bundle)),
      (o) => calculator.measure(o.content),
    )
    // The chunks are taken now (a later plugin may still change the bundle) and read once this hook has returned:
    // each module's size crosses Rolldown's native boundary.
    this.#fillModulesSoon(inBundle, { ...bundle })
  }

  /**
   * writeBundle: sizes the files a bundle wrote, once the hook has returned, so the work overlaps the next
   * writeBundle hooks (Vite's reporter compresses every chunk again). A file that cannot be read is sized from memory.
   */
  measureWritten(dir: string, bundle: BundleLike, calculator: SizeCalculator): void {
    const written = this.#unsized.filter((o) => o.file.fileName in bundle)
    this.#unsized = this.#unsized.filter((o) => !(o.file.fileName in bundle))
    const hookReturned = new Promise<void>((resolve) => setImmediate(resolve))
    this.#measure(written, async (o) => {
      await hookReturned
      return calculator.measureFile(resolve(dir, o.file.fileName)).catch(() => calculator.measure(o.content))
    })
  }

  /** closeBundle: outputs no writeBundle reported (`write: false`, Rollup's `generate()`) are sized from memory. */
  measureUnwritten(calculator: SizeCalculator): void {
    const rest = this.#unsized
    this.#unsized = []
    this.#measure(rest, (o) => calculator.measure(o.content))
  }

  #fillModulesSoon(outputs: CollectedOutput[], chunks: BundleLike): void {
    const filled = new Promise<void>((resolve) =>
      setImmediate(() => {
        try {
          for (const [name, raw] of fillModules(outputs, chunks, this.namer)) this.chainTargets.set(name, raw)
        } catch (error) {
          this.deferredErrors.push(`modules of chunks: ${(error as Error).message}`)
        }
        resolve()
      }),
    )
    this.modulesFilled = Promise.all([this.modulesFilled, filled]).then(() => {})
  }

  #measure(outputs: CollectedOutput[], size: (output: CollectedOutput) => Promise<SizedFile>): void {
    if (outputs.length === 0) return
    const measured = Promise.all(outputs.map(async (o) => [o.file.fileName, await size(o)] as const))
    this.sizes = Promise.all([this.sizes, measured]).then(([map, entries]) => {
      for (const [file, sized] of entries) map.set(file, sized)
      return map
    })
    // Awaited only after closeBundle, where a failure becomes a warning; until then it must not count as unhandled.
    this.sizes.catch(() => {})
  }
}
