import { join } from 'node:path'
import type { HtmlValidator } from '@shipwatch/core/html'
import {
  createLogger,
  type GitHead,
  type Logger,
  type LogSink,
  projectName,
  SizeCalculator,
  TopModulesCache,
} from '@shipwatch/core/lite'
import type { ResolvedBuildMetricsOptions } from '../options.js'
import { type HistoryFiles, historyFiles } from '../record/write-record.js'
import type { TimerRef } from '../timing/wrap-hooks.js'
import { BuildSession, type SessionStart } from './build-session.js'
import { loadContextModule, loadHtmlModule } from './load-core.js'

/** Plugin context fields we read; present in Rollup, Rolldown and Vite 6+ (`environment`). */
export interface HookContext {
  environment?: { name?: string }
  meta?: { watchMode?: boolean; rollupVersion?: string; rolldownVersion?: string; viteVersion?: string }
  warn?: (message: string) => void
  getModuleIds?: () => IterableIterator<string>
  emitFile?: (file: { type: 'asset'; fileName: string; source: string }) => string
}

/**
 * State of one plugin instance across its builds: one session per running build (per Vite environment), the
 * shared size calculator, and where wrapped hooks find their timer.
 */
export class PluginState implements TimerRef {
  readonly sessions = new Map<string, BuildSession>()
  readonly buildCounts = new Map<string, number>()
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
  #topModules: TopModulesCache | null = null

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

  timerFor(context: unknown) {
    if (this.sessions.size === 1) return this.sessions.values().next().value!.timer
    return this.sessions.get(sessionKey(context as HookContext))?.timer ?? null
  }

  /**
   * Reads HEAD's facts now, at config time: ≈ 10 ms on this thread for a clean work tree (HEAD from `.git`, the
   * index, one lstat per tracked file), and a tree with changes needs `git status`, whose spawn forks the whole
   * process: cheapest now, while it is small (after the module graph, the same spawn cost +170 ms). Issuing the lstat
   * calls on libuv's threads instead was measured too: it cost the config phase ≈ 27 ms (thread hand-offs on a VM).
   * Each config resolution reads afresh: a script may run several builds with one plugin instance.
   */
  prefetchGitHead(): void {
    this.gitHead(true)
  }

  /**
   * HEAD's facts, read once for all the sessions of a Vite build (its environments); a watch rebuild reads them
   * afresh (a commit may have happened meanwhile).
   */
  gitHead(fresh: boolean): Promise<GitHead> {
    if (!this.#gitHead || fresh) {
      const root = this.root
      this.#gitHead = loadContextModule().then((core) => core.readGitHead(root))
      // Failures surface as a warning when the session reads the facts.
      this.#gitHead.catch(() => {})
    }
    return this.#gitHead
  }

  startSession(context: HookContext, now: number): BuildSession {
    const key = sessionKey(context)
    const count = this.buildCounts.get(key) ?? 0
    this.buildCounts.set(key, count + 1)
    const watchRebuild = Boolean(context.meta?.watchMode) && count > 0
    const start: SessionStart = {
      environment: context.environment?.name ?? null,
      // The first build after config resolution owns the config phase; later ones start at their buildStart.
      start: this.pendingStart ?? now,
      root: this.root,
      baseBranch: this.options.baseBranch,
      watchRebuild,
      gitHead: () => this.gitHead(watchRebuild),
    }
    this.pendingStart = null
    const session = new BuildSession(start)
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

  sizeCalculator(): SizeCalculator {
    this.#sizes ??= new SizeCalculator({
      compression: this.options.compression,
      // Next to the history: the next build compresses only the files that changed.
      cacheFile: this.options.record ? join(this.history().dir, SIZE_CACHE_FILE) : null,
      sharedCache: true,
      onWarning: (message) => this.log.warn(message),
    })
    return this.#sizes
  }

  /**
   * The largest modules of unchanged chunks, kept next to the history like the sizes; null without a history
   * (`record: false`) or without content hashes to key it by (no compressed sizes asked for).
   */
  topModulesCache(): TopModulesCache | null {
    if (!this.options.record || !this.sizeCalculator().compresses) return null
    this.#topModules ??= new TopModulesCache(join(this.history().dir, TOP_MODULES_CACHE_FILE))
    return this.#topModules
  }

  /** Saves the caches and stops the worker threads once no build is running. */
  async releaseSizes(): Promise<void> {
    if (this.sessions.size > 0) return
    const topModules = this.#topModules
    this.#topModules = null
    try {
      topModules?.save()
    } catch {
      // A cache that cannot be written only makes the next build read the modules; the workers must still stop.
    }
    if (!this.#sizes) return
    const sizes = this.#sizes
    this.#sizes = null
    await sizes.close()
  }

  /** One validator per plugin instance: its content-hash cache spans rebuilds. */
  htmlValidator(): Promise<HtmlValidator> {
    this.#htmlValidator ??= loadHtmlModule().then(
      (html) => new html.HtmlValidator({ root: this.root, config: this.options.html?.config }),
    )
    return this.#htmlValidator
  }

  history(): HistoryFiles {
    return historyFiles(this.root, this.options.outDir)
  }

  projectName(): string {
    return this.options.project ?? projectName(this.root)
  }
}

const SIZE_CACHE_FILE = 'size-cache.json'
const TOP_MODULES_CACHE_FILE = 'top-modules-cache.json'

function sessionKey(context: HookContext | undefined): string {
  return context?.environment?.name ?? 'default'
}
