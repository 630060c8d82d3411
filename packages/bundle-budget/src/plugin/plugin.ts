import { join, resolve } from 'node:path'
import {
  type BundleLike,
  collectOutputs,
  collectPages,
  createLogger,
  fillTopModules,
  findBaseline,
  HISTORY_FILE,
  type Logger,
  type LogSink,
  readGitHead,
  readPublicFiles,
  shareBudgetResults,
} from '@shipwatch/core/lite'
import type { UnpluginFactory } from 'unplugin'
import { check, newCalculator } from '../check.js'
import { type BundleBudgetOptions, resolveOptions } from '../options.js'
import { formatOutcomes } from '../report/format-terminal.js'
import { githubAnnotations } from '../report/github-annotations.js'
import { type BudgetInput, inputFromRecord } from '../rules/budget-input.js'
import { currentIdentity } from './identity.js'

export const PLUGIN_NAME = 'shipwatch:bundle-budget'

interface HookContext {
  environment?: { name?: string }
  warn(message: string): void
  error(message: string): never
}

/**
 * Budgets checked in generateBundle (order `post`), after every other plugin shaped the output: errors fail the build
 * through `this.error`, warnings go through `this.warn`. No resolveId/load/transform of its own.
 */
export const bundleBudgetFactory: UnpluginFactory<BundleBudgetOptions | undefined> = (userOptions) => {
  const options = resolveOptions(userOptions)
  let root = process.cwd()
  let mode: 'production' | 'development' = 'production'
  let publicDir: string | null = null
  let log: Logger = createLogger({ prefix: '[bundle-budget]' })
  // Git facts for the baseline take a module load and a git process. The process starts when the config is resolved
  // (a spawn forks the whole process: cheapest while it is small and before the bundler's threads run); the rest
  // when the build starts, so all is ready (not started) when generateBundle needs it.
  let gitHead: ReturnType<typeof readGitHead> | null = null
  const startGit = () => {
    if (gitHead) return
    gitHead = readGitHead(root)
    gitHead.catch(() => {}) // reported through the identity
  }
  let identity: Promise<Awaited<ReturnType<typeof currentIdentity>>> | null = null
  const buildStart = {
    order: 'pre' as const,
    handler(this: HookContext) {
      // A watch rebuild reads git afresh: a commit may have happened since.
      identity = currentIdentity(root, mode, this.environment?.name ?? null, gitHead ?? undefined)
      gitHead = null
      identity.catch(() => {}) // awaited (and reported) in generateBundle
    },
  }
  const useSink = (sink: LogSink) => {
    log = createLogger({ sink, prefix: '[bundle-budget]' })
  }

  async function generateBundle(this: HookContext, _output: unknown, bundle: BundleLike) {
    const environment = this.environment?.name ?? null
    // Pages live in the client build; SSR output has no budgets of its own.
    if (environment !== null && environment !== 'client') return
    const withPublic = publicDir
      ? { ...Object.fromEntries(readPublicFiles(publicDir).map((f) => [f.fileName, f])), ...bundle }
      : bundle
    const outputs = collectOutputs(withPublic)
    const calculator = newCalculator(options.rules)
    let current: BudgetInput
    try {
      const measuring = Promise.all(outputs.map((o) => calculator.measure(o.content)))
      fillTopModules(outputs, withPublic) // while zlib works: each module's size crosses Rolldown's native boundary
      const measured = await measuring
      const sizes = new Map(outputs.map((o, i) => [o.file.fileName, measured[i]!]))
      const record = {
        outputs: outputs.map((o, i) => ({ ...o.file, ...measured[i]! })),
        pages: collectPages(outputs, sizes, root),
      }
      current = inputFromRecord(record)
    } finally {
      await calculator.close()
    }
    const who = await (identity ?? currentIdentity(root, mode, environment))
    const baseline = findBaseline(
      join(resolve(root, options.historyDir), HISTORY_FILE),
      { ...who, environment },
      {
        defaultBranch: options.defaultBranch,
      },
    )
    const result = check(options.rules, current, baseline ? inputFromRecord(baseline.record) : null, options)
    shareBudgetResults(bundle, result.outcomes)
    if (options.usingDefaults)
      log.info('no budgets configured: using the default (initial JS per page under 500 kB gzip)')
    if (baseline)
      log.info(
        `baseline: ${baseline.record.git.branch ?? '?'}@${baseline.record.git.sha?.slice(0, 7) ?? '?'} (${baseline.reason})`,
      )
    if (process.env.GITHUB_ACTIONS === 'true')
      for (const line of githubAnnotations(result.outcomes)) process.stdout.write(`${line}\n`)
    const lines = formatOutcomes(result.outcomes, log, options.verbose)
    for (const o of result.outcomes)
      if (o.status === 'warn') this.warn([o.message, ...o.details].join('\n  '))
    if (result.failed) {
      const failing = result.outcomes.filter(
        (o) => o.status === 'fail' || (options.failOnWarning && o.status === 'warn'),
      )
      this.error(
        `budget exceeded:\n${failing.map((o) => [o.message, ...o.details.map((d) => `    ${d}`)].join('\n')).join('\n')}`,
      )
    }
    log.info(lines.at(-1)!)
  }

  const rollupHooks = { buildStart, generateBundle: { order: 'post' as const, handler: generateBundle } }
  return {
    name: PLUGIN_NAME,
    vite: {
      ...rollupHooks,
      configResolved(config: {
        root: string
        mode: string
        publicDir: string
        build: { copyPublicDir?: boolean }
        logger: LogSink
      }) {
        root = config.root
        mode = config.mode === 'development' ? 'development' : 'production'
        publicDir = config.build.copyPublicDir === false ? null : config.publicDir || null
        useSink(config.logger)
        startGit()
      },
    },
    // Rollup and Rolldown: `options` is the earliest hook, before the first build starts.
    rollup: { ...rollupHooks, options: startGit },
    rolldown: { ...rollupHooks, options: startGit },
  }
}
