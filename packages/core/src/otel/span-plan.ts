import type { BuildRecord } from '../schema/build-record.js'
import type { DeployRecord } from '../schema/deploy-record.js'

type Attribute = string | number | boolean

/** One span to export, with its times (epoch ms) and children: a trace drawn from a record after the fact. */
export interface SpanPlan {
  name: string
  startMs: number
  endMs: number
  attributes: Record<string, Attribute>
  /** `error` marks a failed build or a failed check. */
  status: 'ok' | 'error'
  children: SpanPlan[]
}

/**
 * A build as one trace: the build span; its phases end to end from its start; under them nothing, beside them one
 * span per plugin × hook, aggregated (the hook's busy time from the build's start, with its call count), since a
 * record keeps totals, not each call. Attributes follow OpenTelemetry's CI/CD conventions where one fits
 * (`cicd.pipeline.*`, `vcs.*`) and are `shipwatch.*` otherwise.
 */
export function buildSpans(record: BuildRecord, env: NodeJS.ProcessEnv = {}): SpanPlan {
  const start = Date.parse(record.createdAt)
  const failed = record.outcome.result === 'failed'
  const phases: SpanPlan[] = []
  let at = start
  for (const phase of record.phases) {
    phases.push(span(`phase ${phase.name}`, at, at + phase.durationMs, { 'shipwatch.phase': phase.name }))
    at += phase.durationMs
  }
  const hooks = record.plugins.flatMap((plugin) =>
    Object.entries(plugin.hooks).map(([hook, timing]) =>
      span(`${plugin.name} › ${hook}`, start, start + timing.busyMs, {
        'shipwatch.plugin.name': plugin.name,
        'shipwatch.plugin.index': plugin.index,
        'shipwatch.hook.name': hook,
        'shipwatch.hook.calls': timing.calls,
        'shipwatch.hook.total_ms': round(timing.totalMs),
        'shipwatch.hook.busy_ms': round(timing.busyMs),
      }),
    ),
  )
  const sizes = record.outputs.reduce((sum, o) => sum + o.size, 0)
  return {
    ...span(`${record.bundler.name} build ${record.project}`, start, start + record.durationMs, {
      ...pipelineAttributes(record, env),
      'cicd.pipeline.task.name': `${record.bundler.name} build`,
      'cicd.pipeline.task.type': 'build',
      'cicd.pipeline.task.run.result': failed ? 'failure' : 'success',
      'shipwatch.bundler.name': record.bundler.name,
      'shipwatch.bundler.version': record.bundler.version ?? 'unknown',
      'shipwatch.mode': record.mode,
      'shipwatch.environment': record.environment ?? 'default',
      'shipwatch.build.kind': record.watchRebuild ? 'watch' : 'cold',
      'shipwatch.outcome': record.outcome.result,
      'shipwatch.modules': record.modules.total,
      'shipwatch.outputs': record.outputs.length,
      'shipwatch.outputs.bytes': sizes,
    }),
    status: failed ? 'error' : 'ok',
    children: [...phases, ...hooks],
  }
}

/** A verification as one trace: the run, and each check from the run's start for as long as it took. */
export function deploySpans(record: DeployRecord, env: NodeJS.ProcessEnv = {}): SpanPlan {
  const start = Date.parse(record.createdAt)
  const checks = record.checks.map((check) => ({
    ...span(`check ${check.id}`, start, start + check.durationMs, {
      'shipwatch.check.id': check.id,
      'shipwatch.check.status': check.status,
      'shipwatch.check.first_status': check.firstStatus ?? check.status,
      'shipwatch.check.attempts': check.attempts,
      'shipwatch.check.message': check.message.slice(0, 500),
    }),
    status: check.status === 'fail' ? ('error' as const) : ('ok' as const),
  }))
  const end = Math.max(start, ...checks.map((c) => c.endMs))
  return {
    ...span(`deploy-verify ${record.url}`, start, end, {
      ...pipelineAttributes(record, env),
      'cicd.pipeline.task.name': 'deploy-verify',
      'cicd.pipeline.task.type': 'test',
      'cicd.pipeline.task.run.result': record.status === 'pass' ? 'success' : 'failure',
      'url.full': record.url,
      'shipwatch.deploy.status': record.status,
    }),
    status: record.status === 'pass' ? 'ok' : 'error',
    children: checks,
  }
}

function pipelineAttributes(
  record: BuildRecord | DeployRecord,
  env: NodeJS.ProcessEnv,
): Record<string, Attribute> {
  const attributes: Record<string, Attribute> = {
    'shipwatch.project': record.project,
    'shipwatch.record.id': record.id,
  }
  const set = (key: string, value: Attribute | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') attributes[key] = value
  }
  set('cicd.pipeline.name', env.GITHUB_WORKFLOW)
  set('cicd.pipeline.run.id', record.ci.buildId)
  set('cicd.pipeline.run.url.full', record.ci.buildUrl)
  set('cicd.pipeline.task.run.id', env.GITHUB_JOB)
  set('vcs.ref.head.revision', record.git.sha)
  set('vcs.ref.head.name', record.git.branch ?? record.ci.branch)
  set('vcs.ref.base.name', record.ci.baseBranch)
  set('vcs.repository.name', record.ci.repository)
  set('vcs.change.id', record.ci.pr === null ? null : String(record.ci.pr))
  return attributes
}

function span(name: string, startMs: number, endMs: number, attributes: Record<string, Attribute>): SpanPlan {
  return { name, startMs, endMs: Math.max(startMs, endMs), attributes, status: 'ok', children: [] }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}
