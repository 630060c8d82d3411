import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import type { BundleItem, BundleLike } from '@shipwatch/core/build'
import { messages } from '../messages.js'
import { finishSession } from './finish-session.js'
import type { PluginState } from './plugin-state.js'

/** The parts of esbuild's plugin API we use, typed structurally (esbuild is an optional peer). */
interface EsbuildLike {
  esbuild?: { version?: string }
  initialOptions: {
    metafile?: boolean
    absWorkingDir?: string
    write?: boolean
    entryPoints?: string[] | Record<string, string> | { in: string; out: string }[]
  }
  onStart(callback: () => void): void
  onEnd(callback: (result: EsbuildResult) => Promise<void> | void): void
}

interface EsbuildResult {
  errors: unknown[]
  metafile?: {
    inputs: Record<string, unknown>
    outputs: Record<
      string,
      { entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }
    >
  }
  outputFiles?: { path: string; contents: Uint8Array }[]
}

/**
 * esbuild has no plugin hooks to time, so its record holds total time, modules, outputs and sizes: the metafile
 * (which we switch on) names every output, its entry point and its imports.
 */
export function esbuildSetup(state: PluginState) {
  return (build: EsbuildLike) => {
    build.initialOptions.metafile = true
    state.bundlerVersion = build.esbuild?.version ?? null
    const cwd = build.initialOptions.absWorkingDir ?? process.cwd()
    state.root = cwd
    build.onStart(() => {
      state.pendingStart = performance.now()
      const session = state.startSession({}, performance.now())
      session.marks.buildStart = session.marks.start
    })
    build.onEnd(async (result) => {
      const session = state.session({})
      if (!session) return
      session.marks.closeBundle = performance.now()
      state.endSession(session)
      try {
        if (result.errors.length > 0 || !result.metafile) {
          session.failures.push({
            kind: 'bundler',
            message: `esbuild reported ${result.errors.length} error(s)`,
          })
        } else {
          const metafile = result.metafile
          const ids = Object.keys(metafile.inputs).map((input) => resolve(cwd, input))
          session.moduleIds = () => ids
          const entries = entryPaths(build.initialOptions.entryPoints, cwd)
          session.collect(bundleFromMetafile(result, cwd, entries), state.sizeCalculator())
        }
        await finishSession(session, state, {})
      } catch (error) {
        state.warn(undefined, messages.internalError('esbuild onEnd', (error as Error).message))
      } finally {
        await state.releaseSizes().catch(() => {})
      }
    })
  }
}

/** The user's entry points as absolute paths; other outputs with an entryPoint are dynamic-import chunks. */
function entryPaths(entryPoints: EsbuildLike['initialOptions']['entryPoints'], cwd: string): Set<string> {
  const list = Array.isArray(entryPoints)
    ? entryPoints.map((e) => (typeof e === 'string' ? e : e.in))
    : Object.values(entryPoints ?? {})
  return new Set(list.map((e) => resolve(cwd, e)))
}

function bundleFromMetafile(result: EsbuildResult, cwd: string, entries: Set<string>): BundleLike {
  const written = new Map((result.outputFiles ?? []).map((f) => [resolve(f.path), f.contents]))
  const bundle: BundleLike = {}
  for (const [path, output] of Object.entries(result.metafile!.outputs)) {
    const absolute = resolve(cwd, path)
    const fileName = relative(cwd, absolute).split('\\').join('/')
    const contents = written.get(absolute) ?? readFileSync(absolute)
    const item: BundleItem =
      path.endsWith('.js') || path.endsWith('.mjs')
        ? {
            type: 'chunk',
            fileName,
            name: fileName,
            code: Buffer.from(contents).toString('utf8'),
            isEntry: Boolean(output.entryPoint && entries.has(resolve(cwd, output.entryPoint))),
            isDynamicEntry: Boolean(output.entryPoint && !entries.has(resolve(cwd, output.entryPoint))),
            facadeModuleId: output.entryPoint ? resolve(cwd, output.entryPoint) : null,
            imports: importsOf(output.imports, 'import-statement', cwd),
            dynamicImports: importsOf(output.imports, 'dynamic-import', cwd),
            modules: {},
          }
        : { type: 'asset', fileName, source: contents }
    bundle[fileName] = item
  }
  return bundle
}

function importsOf(
  imports: { path: string; kind: string; external?: boolean }[],
  kind: string,
  cwd: string,
): string[] {
  return imports
    .filter((i) => i.kind === kind && !i.external)
    .map((i) => relative(cwd, resolve(cwd, i.path)).split('\\').join('/'))
}
