import { join } from 'node:path'
import {
  type BuildGate,
  createLogger,
  describeHistoryWarning,
  type GitHead,
  HistoryStore,
  type Logger,
  type LogSink,
  mergeCompression,
  projectName,
  readGitHead,
  SizeCalculator,
  TRACK_HANDOFF_ENV,
} from '@shipwatch/core/build'
import type { HtmlValidator } from '@shipwatch/core/html'
import type { GraphModule } from '../collect/import-chains.js'
import { messages } from '../messages.js'
import type { ResolvedBuildMetricsOptions } from '../options.js'
import type { TimerRef } from '../timing/wrap-hooks.js'
import { BuildSession } from './build-session.js'

export const PLUGIN_NAME = 'shipwatch:build-metrics'

/** Plugin context fields we read; present in Rollup, Rolldown and Vite 6+ (`environment`). */
export interface HookContext {
  environment?: { name?: string }
  meta?: { watchMode?: boolean; rollupVersion?: string; rolldownVersion?: string; viteVersion?: string }
  warn?: (message: string) => void
  getModuleIds?: () => IterableIterator<string>
  getModuleInfo?: (id: string) => GraphModule | null
  emitFile?: (file: { type: 'asset'; fileName: string; source: string }) => string
}

// Next to the history: the next build compresses only the files that changed (a vendor chunk rarely does).
const SIZE_CACHE_FILE = 'size-cache.json'

/**
 * One plugin instance across its builds: options, the logger, one session per running build (per Vite environment),
 * the size calculator, the gates other plugins added, and where wrapped hooks find their timer.
 */
export class PluginState implements TimerRef {
  readonly sessions = new Map<string, BuildSession>()
  readonly buildCounts = new Map<string, number>()
  readonly gates = new Set<BuildGate>()
  root = process.cwd()
  mode: 'production' | 'development' = process.env.NODE_ENV === 'development' ? 'development' : 'production'
  log: Logger
  pendingStart: number | null = null
  /** Set by integrations that learn the bundler's version from the bundler itself (esbuild, Rspack). */
  bundlerVersion: string | null = null
  /** Main-thread time spent in this plugin's own hooks (not the wrapped ones), for the cost line under DEBUG. */
  selfMs = 0
  /** Vite's public folder, copied into client builds. */
  publicDir: string | null = null
  /** Vite's `base`, to resolve absolute references in pages. */
  base = '/'
  #gitHead: Promise<GitHead> | null = null
  #htmlValidator: Promise<HtmlValidator> | null = null
  #sizes: SizeCalculator | null = null

  constructor(
    readonly options: ResolvedBuildMetricsOptions,
    readonly framework: string,
    /** unplugin fills framework versions in after buildStart; read them late. */
    readonly frameworkVersion: () => string | null = () => null,
  ) {
    this.log = createLogger({ prefix: '[build-metrics]', quiet: options.quiet })
  }

  /** Routes output through the bundler's logger (Vite's `config.logger`). */
  useSink(sink: LogSink): void {
    this.log = createLogger({ sink, prefix: '[build-metrics]', quiet: this.options.quiet })
  }

  /** Through the hook's context when there is one (the bundler prefixes it), else the logger. */
  warn(context: HookContext | undefined, message: string): void {
    if (typeof context?.warn === 'function') context.warn(message)
    else this.log.warn(message)
  }

  /** Runs a hook body so that a fault of ours becomes a warning, never a failed build. */
  guard(context: HookContext | undefined, where: string, body: () => void): void {
    const start = performance.now()
    try {
      body()
    } catch (error) {
      this.warn(context, messages.internalError(where, (error as Error).message))
    }
    this.selfMs += performance.now() - start
  }

  timerFor(context: unknown) {
    return this.session(context as HookContext)?.timer ?? null
  }

  /**
   * Starts git when the config is resolved: the spawn forks the whole process, cheapest while it is small and before
   * the bundler's threads run. The answer is awaited when the record is written.
   */
  /** Whether a build's record goes to the history database (under `build-metrics track`, track sends it). */
  sendsToDatabase(watchRebuild: boolean): boolean {
    return (
      Boolean(this.options.historyUrl) &&
      this.options.record &&
      (this.options.recordRebuilds || !watchRebuild) &&
      !process.env[TRACK_HANDOFF_ENV]
    )
  }

  prefetchGitHead(): void {
    this.gitHead(true)
  }

  /** HEAD's facts, shared by the sessions of one Vite build; a watch rebuild reads them afresh. */
  gitHead(fresh: boolean): Promise<GitHead> {
    if (!this.#gitHead || fresh) {
      this.#gitHead = readGitHead(this.root)
      // Failures surface as a warning when the session reads the facts.
      this.#gitHead.catch(() => {})
    }
    return this.#gitHead
  }

  startSession(context: HookContext, now: number): BuildSession {
    const key = sessionKey(context)
    // A build that has not closed yet runs another pass: Vite 8 builds a library's formats one after another and
    // calls closeBundle once, after the last. Every pass's outputs belong to the one record.
    const open = this.sessions.get(key)
    if (open && !context.meta?.watchMode) return open
    const count = this.buildCounts.get(key) ?? 0
    this.buildCounts.set(key, count + 1)
    const watchRebuild = Boolean(context.meta?.watchMode) && count > 0
    const session = new BuildSession({
      environment: context.environment?.name ?? null,
      // The first build after config resolution owns the config phase; later ones start at their buildStart.
      start: this.pendingStart ?? now,
      root: this.root,
      baseBranch: this.options.baseBranch,
      watchRebuild,
      gitHead: this.gitHead(watchRebuild),
    })
    this.pendingStart = null
    this.sessions.set(key, session)
    return session
  }

  session(context: HookContext): BuildSession | undefined {
    if (this.sessions.size === 1) return this.sessions.values().next().value
    return this.sessions.get(sessionKey(context))
  }

  endSession(session: BuildSession): void {
    for (const [key, value] of this.sessions) if (value === session) this.sessions.delete(key)
    // Vite prefetches at every config resolution and shares the facts among its environments; elsewhere the next
    // build of a long-lived process must not reuse them.
    if (this.sessions.size === 0 && this.framework !== 'vite') this.#gitHead = null
  }

  /** One calculator for the running builds, with the compressions of the plugin and of every gate. */
  sizeCalculator(): SizeCalculator {
    this.#sizes ??= new SizeCalculator({
      compression: mergeCompression(this.options.compression, ...[...this.gates].map((g) => g.compression)),
      cacheFile: this.options.record ? join(this.history().dir, SIZE_CACHE_FILE) : null,
      onWarning: (message) => this.log.warn(message),
    })
    return this.#sizes
  }

  /** Saves the size cache and stops the worker threads once no build is running. */
  async releaseSizes(): Promise<void> {
    if (this.sessions.size > 0 || !this.#sizes) return
    const sizes = this.#sizes
    this.#sizes = null
    await sizes.close()
  }

  /** One validator per plugin instance: its content-hash cache spans rebuilds. */
  htmlValidator(): Promise<HtmlValidator> {
    this.#htmlValidator ??= import('@shipwatch/core/html').then(
      (html) => new html.HtmlValidator({ root: this.root, config: this.options.html?.config }),
    )
    return this.#htmlValidator
  }

  history(): HistoryStore {
    return new HistoryStore({
      root: this.root,
      dir: this.options.historyDir,
      onWarning: (warning) => this.log.warn(describeHistoryWarning(warning)),
    })
  }

  /** Where records are written: the history, or `build-metrics track`'s handoff folder when it runs this build. */
  recordStore(): HistoryStore {
    const handoff = process.env[TRACK_HANDOFF_ENV]
    return handoff ? new HistoryStore({ dir: handoff }) : this.history()
  }

  projectName(): string {
    return this.options.project ?? projectName(this.root)
  }
}

function sessionKey(context: HookContext | undefined): string {
  return context?.environment?.name ?? 'default'
}
