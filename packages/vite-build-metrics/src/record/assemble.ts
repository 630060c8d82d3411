import type {
  BudgetResult,
  BuildRecord,
  CollectedOutput,
  FailureReason,
  HtmlResult,
  RecordContext,
} from '@shipwatch/core/build'
import { collectPages, createEnvelope, type SizedFile } from '@shipwatch/core/build'
import type { ResolvedBuildMetricsOptions } from '../options.js'
import type { HookTimer, TimedPlugin } from '../timing/hook-timer.js'
import { computePhases, type PhaseMarks } from '../timing/phases.js'
import { gradeBuildTime } from './status.js'

export interface FinishedBuild {
  id: string
  createdAt: string
  project: string
  root: string
  bundler: { name: string; version: string | null }
  toolVersion: string
  mode: 'production' | 'development'
  environment: string | null
  watchRebuild: boolean
  marks: PhaseMarks
  end: number
  timer: HookTimer
  modules: BuildRecord['modules']
  outputs: readonly CollectedOutput[]
  sizes: ReadonlyMap<string, SizedFile>
  context: RecordContext
  /** Results of @shipwatch/bundle-budget for this build, when it ran. */
  budgets?: BudgetResult[]
  html?: HtmlResult[] | null
  /** Why the build failed; empty when it succeeded. */
  failures: FailureReason[]
  /** Each kept module's importer on a shortest chain from an entry. */
  importers?: Record<string, string> | undefined
}

/** Turns what a build observed into its record. */
export function assembleBuildRecord(build: FinishedBuild, options: ResolvedBuildMetricsOptions): BuildRecord {
  const { phases, totalMs } = computePhases(build.marks, build.end)
  const pages = collectPages(build.outputs, build.sizes, build.root)
  const graphMs = phases
    .filter((p) => p.name === 'modules' || p.name === 'render')
    .reduce((s, p) => s + p.durationMs, 0)
  return {
    ...createEnvelope(build.context, build.project, build),
    kind: 'build',
    tool: { name: '@shipwatch/vite-build-metrics', version: build.toolVersion },
    bundler: build.bundler,
    mode: build.mode,
    environment: build.environment,
    target: pages.length > 0 ? 'app' : 'library',
    watchRebuild: build.watchRebuild,
    cache: null,
    durationMs: totalMs,
    phases,
    plugins: pluginRows(build.timer),
    // Time in the module-graph and render phases that no JS hook accounts for: native plugins and the bundler.
    bundlerInternalMs: graphMs > 0 ? round(Math.max(0, graphMs - build.timer.jsBusyMs)) : null,
    modules: build.modules,
    compression: options.compression,
    outputs: build.outputs.map((o) => ({ ...o.file, ...build.sizes.get(o.file.fileName)! })),
    pages,
    ...(build.importers && Object.keys(build.importers).length > 0 ? { importers: build.importers } : {}),
    ...(build.budgets?.length ? { budgets: build.budgets } : {}),
    ...(build.html ? { html: build.html } : {}),
    outcome: { result: build.failures.length > 0 ? 'failed' : 'succeeded', reasons: build.failures },
    status: gradeBuildTime(totalMs, options.thresholds[build.mode]),
  }
}

function pluginRows(timer: HookTimer): BuildRecord['plugins'] {
  return timer
    .snapshot()
    .sort((a, b) => a.plugin.index - b.plugin.index)
    .map(({ plugin, hooks }: { plugin: TimedPlugin; hooks: BuildRecord['plugins'][number]['hooks'] }) => ({
      name: plugin.name,
      index: plugin.index,
      hooks,
    }))
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
