import {
  type BuildGate,
  type BuildRecord,
  type BundleLike,
  collectOutputs,
  collectPages,
  compressionFor,
  createLogger,
  fillModules,
  findBuildMetricsApi,
  type GateResult,
  type Logger,
  type LogSink,
  ModuleNamer,
  newCalculator,
  readPublicFiles,
} from '@shipwatch/core/build'
import type { UnpluginFactory } from 'unplugin'
import { type BundleBudgetOptions, resolveOptions } from '../options.js'
import { checkBudgets } from './check-budgets.js'
import { type BuildIdentity, currentIdentity } from './identity.js'

export const PLUGIN_NAME = 'shipwatch:bundle-budget'

interface HookContext {
  environment?: { name?: string }
  warn(message: string): void
  error(message: string): never
}

/**
 * Budgets over every output. With @shipwatch/vite-build-metrics in the same build, they run as its gate on the one
 * measurement it makes (its `api`), and their results go into its record. Alone, they measure the bundle in
 * generateBundle (order `post`, after every other plugin shaped it). Either way a failure fails the build through
 * the bundler. No resolveId/load/transform of its own.
 */
export const bundleBudgetFactory: UnpluginFactory<BundleBudgetOptions | undefined> = (userOptions, meta) => {
  const options = resolveOptions(userOptions)
  let root = process.cwd()
  let mode: BuildRecord['mode'] = 'production'
  let publicDir: string | null = null
  let log: Logger = createLogger({ prefix: '[bundle-budget]' })
  let measuredByMetrics = false
  let identity: Promise<BuildIdentity> | null = null
  // With build-metrics: each running build's verdict (by environment), which the gate settles and closeBundle awaits.
  const verdicts = new Map<string | null, Verdict>()

  const gate: BuildGate = {
    compression: compressionFor(options.rules),
    async check({ environment, record, findBaseline }): Promise<GateResult | null> {
      let verdict: GateResult | null = null
      try {
        if (record && isClientBuild(environment)) {
          // build-metrics' history (its database or its folder) has the baseline; older versions of it give no finder.
          const baseline = await findBaseline?.({ defaultBranch: options.defaultBranch })
          const result = checkBudgets(record, { root, options, log, warn: (m) => log.warn(m), baseline })
          const reasons = result.failing.map((o) => ({ kind: 'budget' as const, message: o.message }))
          verdict = { budgets: result.outcomes, failure: result.failure, reasons }
        }
        return verdict
      } finally {
        verdicts.get(environment)?.resolve(verdict)
      }
    },
  }

  /** Finds build-metrics among the plugins; its measurement is then the only one. */
  function attach(plugins: unknown) {
    const metrics = findBuildMetricsApi(plugins)
    metrics?.addGate(gate)
    measuredByMetrics = metrics !== null
  }

  const buildStart = {
    order: 'pre' as const,
    handler(this: HookContext) {
      const environment = this.environment?.name ?? null
      if (measuredByMetrics) verdicts.set(environment, newVerdict())
      // Standalone: git starts when the build does, and is ready by generateBundle.
      else identity = currentIdentity(meta.framework, root, mode, environment)
    },
  }

  async function generateBundle(this: HookContext, _output: unknown, bundle: BundleLike) {
    const environment = this.environment?.name ?? null
    if (measuredByMetrics || !isClientBuild(environment)) return
    const warn = (message: string) => this.warn(message)
    let failure: string | null
    try {
      const record = {
        ...(await (identity ?? currentIdentity(meta.framework, root, mode, environment))),
        ...(await measure(bundle, warn)),
      }
      failure = checkBudgets(record, { root, options, log, warn }).failure
    } catch (error) {
      // A fault of ours never fails the user's build: only a budget does.
      warn(
        `could not check the budgets (${(error as Error).message}); the build goes on. Please report this.`,
      )
      return
    }
    if (failure) this.error(failure)
  }

  /** The bundle's outputs (and Vite's public files) with their sizes and each page's initial set. */
  async function measure(
    bundle: BundleLike,
    warn: (message: string) => void,
  ): Promise<Pick<BuildRecord, 'outputs' | 'pages' | 'target' | 'compression'>> {
    const files = publicDir
      ? { ...Object.fromEntries(readPublicFiles(publicDir).map((f) => [f.fileName, f])), ...bundle }
      : bundle
    const outputs = collectOutputs(files)
    const calculator = newCalculator(options.rules, null, warn)
    try {
      const measuring = Promise.all(outputs.map((o) => calculator.measure(o.content)))
      fillModules(outputs, files, new ModuleNamer(root)) // while zlib works: each module's size crosses Rolldown's native boundary
      const measured = await measuring
      const sizes = new Map(outputs.map((o, i) => [o.file.fileName, measured[i]!]))
      const pages = collectPages(outputs, sizes, root)
      return {
        outputs: outputs.map((o, i) => ({ ...o.file, ...measured[i]! })),
        pages,
        target: pages.length > 0 ? 'app' : 'library',
        compression: calculator.compression,
      }
    } finally {
      await calculator.close()
    }
  }

  /** With build-metrics: fails the build here, once its closeBundle has run the budgets as a gate. */
  const closeBundle = {
    // After build-metrics' own closeBundle, should the bundler run them one by one.
    order: 'post' as const,
    async handler(this: HookContext) {
      const environment = this.environment?.name ?? null
      const verdict = verdicts.get(environment)
      if (!verdict) return
      const result = await verdict.promise
      verdicts.delete(environment)
      if (result?.failure) this.error(result.failure)
    },
  }

  const build = {
    buildStart,
    generateBundle: { order: 'post' as const, handler: generateBundle },
    closeBundle,
  }
  return {
    name: PLUGIN_NAME,
    vite: {
      ...build,
      configResolved(config: {
        root: string
        mode: string
        plugins: readonly unknown[]
        publicDir: string
        build: { copyPublicDir?: boolean }
        logger: LogSink
      }) {
        root = config.root
        mode = config.mode === 'development' ? 'development' : 'production'
        publicDir = config.build.copyPublicDir === false ? null : config.publicDir || null
        log = createLogger({ sink: config.logger, prefix: '[bundle-budget]' })
        attach(config.plugins)
      },
    },
    // Rollup and Rolldown: `options` is the first hook and sees the whole plugin list.
    rollup: { ...build, options: (input: { plugins?: unknown }) => void attach(input.plugins) },
    rolldown: { ...build, options: (input: { plugins?: unknown }) => void attach(input.plugins) },
  }
}

/** A build's budget verdict, settled by the gate (Node 20 has no `Promise.withResolvers`). */
interface Verdict {
  promise: Promise<GateResult | null>
  resolve(result: GateResult | null): void
}

function newVerdict(): Verdict {
  let resolve: Verdict['resolve'] = () => {}
  const promise = new Promise<GateResult | null>((settle) => {
    resolve = settle
  })
  return { promise, resolve }
}

/** Pages live in the client build; SSR output has no budgets of its own. */
function isClientBuild(environment: string | null): boolean {
  return environment === null || environment === 'client'
}
