import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import type { HtmlResult, RecordContext } from '@shipwatch/core'
import type { BundleLike, GitHead, SizeCalculator, SizedFile } from '@shipwatch/core/lite'
import {
  type CollectedOutput,
  collectOutputs,
  fillTopModules,
  hashFile,
  type KnownTopModules,
  type TopModulesCache,
} from '@shipwatch/core/lite'
import { HookTimer } from '../timing/hook-timer.js'
import type { PhaseMarks } from '../timing/phases.js'
import type { PreparedFinish } from './finish-session.js'
import { loadContextModule } from './load-core.js'

export interface SessionStart {
  environment: string | null
  start: number
  root: string
  baseBranch: string | null
  watchRebuild: boolean
  /** HEAD's facts, read when first asked for (see `PluginState.gitHead`). */
  gitHead: () => Promise<GitHead>
}

/** Everything one build (one Vite environment, one Rollup/Rolldown run) observes until closeBundle. */
export class BuildSession {
  readonly id = randomUUID()
  readonly createdAt = new Date().toISOString()
  readonly timer = new HookTimer()
  readonly marks: PhaseMarks
  #context: Promise<RecordContext> | null = null
  /**
   * Every module id of the build, asked for once, after buildEnd (`graphModuleIds`): Rolldown copies them across its
   * native boundary (≈ 2 ms and 300 kB for 3,800), which in buildEnd would hold up rendering.
   */
  moduleIds: () => Iterable<string> = () => []
  #graphIds: readonly string[] | null = null
  /** HTML validation results of the emitted pages, when validation is on. */
  html: HtmlResult[] | null = null
  /** Set when the bundler reports an error: such builds are not recorded. */
  failed = false
  outputs: CollectedOutput[] = []
  sizes: Promise<Map<string, SizedFile>> | null = null
  /** The bundle objects seen in generateBundle: the budget plugin attaches its results to them. */
  bundles: object[] = []
  /** Started at buildEnd (or, failing that, the first generateBundle); see `prepareFinish`. */
  prepared: Promise<PreparedFinish> | null = null
  /** Settles once every collected chunk has its largest modules; never rejects. */
  topModules: Promise<void> = Promise.resolve()
  /** Main-thread time spent on this session outside our hooks (the deferred module sizes). */
  deferredMs = 0
  /** Faults of deferred work, reported as warnings when the session finishes. */
  readonly deferredErrors: string[] = []

  constructor(readonly init: SessionStart) {
    this.marks = { start: init.start }
  }

  /**
   * Git, CI and machine facts, gathered once, when the record is prepared (`prepareFinish`); git facts were started
   * at config time (see `PluginState.prefetchGitHead`).
   */
  get context(): Promise<RecordContext> {
    this.#context ??= loadContextModule().then((core) =>
      core.readRecordContext({
        cwd: this.init.root,
        baseRef: this.init.baseBranch,
        head: this.init.gitHead(),
      }),
    )
    return this.#context
  }

  /** The module graph's ids, read once for the counts and the largest-modules cache. */
  graphModuleIds(): readonly string[] {
    if (!this.#graphIds) {
      const ids = this.moduleIds()
      this.#graphIds = Array.isArray(ids) ? ids : Array.from(ids)
    }
    return this.#graphIds
  }

  /** Collected outputs not sized yet: they wait for writeBundle, to be sized from the written files. */
  #unsized: CollectedOutput[] = []
  /** Collected chunks whose largest modules are not read yet, with the bundle they came from. */
  #withoutTopModules: { outputs: CollectedOutput[]; chunks: BundleLike }[] = []

  /**
   * Reads a bundle's outputs; sizing waits for the files (`measureWritten`). Files not in the bundle itself (Vite's
   * public folder) are sized now. Multi-output builds call this once per output; their files add up.
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
    // The chunks are taken now: a later plugin may still delete or replace entries of the bundle.
    this.#withoutTopModules.push({ outputs: inBundle, chunks: { ...bundle } })
  }

  /**
   * writeBundle: sizes the files a bundle wrote (an unchanged file takes its sizes from the cache) and reads the
   * largest modules of its chunks, once the hook has returned. Rolldown runs writeBundle hooks one after another,
   * and the next is Vite's reporter, which compresses every chunk again on Rolldown's threads: this work overlaps
   * it instead of holding it up. A file that cannot be read is sized from the bundle instead.
   */
  measureWritten(
    dir: string,
    bundle: BundleLike,
    calculator: SizeCalculator,
    topModules: TopModulesCache | null = null,
  ): void {
    const written = this.#unsized.filter((o) => o.file.fileName in bundle)
    this.#unsized = this.#unsized.filter((o) => !(o.file.fileName in bundle))
    const hookReturned = new Promise<void>((resolve) => setImmediate(resolve))
    const contentHashes = new Map<string, string>()
    this.#measure(measuringOrder(written, bundle), async (o) => {
      await hookReturned
      const path = resolve(dir, o.file.fileName)
      try {
        const hashed = calculator.compresses ? hashFile(path) : undefined
        if (hashed) contentHashes.set(o.file.fileName, hashed.hash)
        return await calculator.measureFile(path, hashed)
      } catch {
        return calculator.measure(o.content)
      }
    })
    // Every file is hashed by then (each continuation of hookReturned runs before the next immediate); a hash that
    // is missing only means that chunk's modules are read. The hashes are this bundle's: another output's chunks
    // waiting for their modules may have the same file names.
    const known = topModules?.forBundle(contentHashes, () => this.graphModuleIds())
    const fromThisBundle = new Set(written)
    this.#fillTopModulesSoon((outputs) => (outputs.every((o) => fromThisBundle.has(o)) ? known : undefined))
  }

  /** closeBundle: outputs no writeBundle reported (`write: false`, Rollup's `generate()`) are sized from memory. */
  measureUnwritten(calculator: SizeCalculator): void {
    const rest = this.#unsized
    this.#unsized = []
    this.#measure(rest, (o) => calculator.measure(o.content))
    this.#fillTopModulesSoon()
  }

  /**
   * Rolldown answers each module's size across its native boundary (≈ 1 µs each, thousands per chunk): read on the
   * next turn of the event loop, after the hook that asked has returned, and only for chunks the cache does not know.
   */
  #fillTopModulesSoon(
    knownFor: (outputs: CollectedOutput[]) => KnownTopModules | undefined = () => undefined,
  ): void {
    const pending = this.#withoutTopModules
    this.#withoutTopModules = []
    if (pending.length === 0) return
    const filled = new Promise<void>((resolve) =>
      setImmediate(() => {
        const start = performance.now()
        for (const { outputs, chunks } of pending) {
          try {
            fillTopModules(outputs, chunks, knownFor(outputs))
          } catch (error) {
            this.deferredErrors.push(`largest modules: ${(error as Error).message}`)
          }
        }
        this.deferredMs += performance.now() - start
        resolve()
      }),
    )
    this.topModules = Promise.all([this.topModules, filled]).then(() => {})
  }

  #measure(outputs: CollectedOutput[], size: (output: CollectedOutput) => Promise<SizedFile>): void {
    if (outputs.length === 0 && this.sizes) return
    const measured = Promise.all(outputs.map(async (o) => [o.file.fileName, await size(o)] as const))
    const before = this.sizes ?? Promise.resolve(new Map<string, SizedFile>())
    this.sizes = Promise.all([before, measured]).then(([map, entries]) => {
      for (const [file, sized] of entries) map.set(file, sized)
      return map
    })
    // Awaited only after closeBundle, where a failure becomes a warning; until then it must not count as unhandled.
    this.sizes.catch(() => {})
  }
}

/**
 * Entry chunks (in practice the largest: their compression is the critical path), then the other chunks, then
 * assets; the bundler's own order within each.
 */
function measuringOrder(outputs: CollectedOutput[], bundle: BundleLike): CollectedOutput[] {
  const rank = (o: CollectedOutput) => (o.file.type === 'asset' ? 2 : o.file.isEntry ? 0 : 1)
  const position = new Map(Object.keys(bundle).map((fileName, i) => [fileName, i]))
  return [...outputs].sort(
    (a, b) =>
      rank(a) - rank(b) || (position.get(a.file.fileName) ?? 0) - (position.get(b.file.fileName) ?? 0),
  )
}
