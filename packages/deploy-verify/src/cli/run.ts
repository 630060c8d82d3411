import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import {
  actionsRunUrl,
  type CliIo,
  type DeployRecord,
  deploySpans,
  exitForError,
  exportSpans,
  otlpTargetFromEnv,
  parseCliArgs,
} from '@shipwatch/core'
import pkg from '../../package.json' with { type: 'json' }
import { loadConfig } from '../config/load-config.js'
import { DeployConfigError, type DeployVerifyConfig, validateConfig } from '../config/options.js'
import { GateReportError } from '../gates/api-request.js'
import type { PromotionGate } from '../gates/gate.js'
import { githubCheckGate } from '../gates/github-check.js'
import { vercelCheckGate } from '../gates/vercel-check.js'
import { MissingCliError, ProviderError } from '../providers/provider.js'
import { vercelProvider } from '../providers/vercel.js'
import { recordDeploy } from '../record-deploy.js'
import { checkLine, renderJunit, renderMarkdown } from '../report/render.js'
import { verifyDeployment } from '../verify-deployment.js'
import { HELP } from './help.js'
import { ROLLBACK_ACTIONS, rollback } from './rollback.js'

/** `deploy-verify [url]`: 0 all checks passed, 1 a check failed, 2 usage or configuration error. */
export async function run(cliIo: CliIo): Promise<number> {
  let io = cliIo
  try {
    const { values, positionals } = parseCliArgs({
      args: io.argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        commit: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        compare: { type: 'string' },
        'compare-runs': { type: 'string' },
        'github-check': { type: 'boolean', default: false },
        'check-name': { type: 'string' },
        'vercel-check': { type: 'string' },
        'deployment-id': { type: 'string' },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        'history-dir': { type: 'string' },
        'history-url': { type: 'string' },
        'no-record': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        'rollback-on-fail': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
    if (values.help) {
      io.stdout.write(HELP)
      return 0
    }
    const historyUrl = values['history-url']
    if (historyUrl !== undefined) {
      // Never echoed: the URL holds a password.
      if (!/^postgres(ql)?:\/\//.test(historyUrl))
        throw new DeployConfigError('--history-url must be a postgres:// URL (or set SHIPWATCH_HISTORY_URL)')
      io = { ...io, env: { ...io.env, SHIPWATCH_HISTORY_URL: historyUrl } }
    }
    if (positionals[0] === 'rollback' && !ROLLBACK_ACTIONS.includes(positionals[1] ?? ''))
      throw new DeployConfigError(
        `rollback ${positionals[1] ? `${JSON.stringify(positionals[1].slice(0, 40))} is not an action` : 'needs an action'}: use ${ROLLBACK_ACTIONS.join(', ')}`,
      )
    const loaded = await loadConfig(io.cwd, values.config)
    const provider = () => vercelProvider({ env: io.env, cwd: io.cwd })
    const record = !values['no-record']
    if (positionals[0] === 'rollback') {
      const [, action, target] = positionals
      const config = validateConfigLater(loaded, io.env)
      return await rollback(
        { action, target, yes: values.yes, json: values.json, record },
        provider(),
        config,
        io,
      )
    }
    if (positionals.length > 1)
      throw new DeployConfigError(`unexpected argument ${positionals[1]}: deploy-verify takes one URL`)
    // Flags override the config file; the schema checks both together.
    const compare = values.compare ?? (typeof loaded.compare === 'object' ? loaded.compare.url : undefined)
    const config = validateConfig(
      {
        ...loaded,
        ...(positionals[0] ? { url: positionals[0] } : {}),
        ...(values.commit ? { commit: values.commit } : {}),
        ...(values.timeout ? { timeoutMs: toInt('--timeout', values.timeout) } : {}),
        ...(values.retries ? { retries: toInt('--retries', values.retries) } : {}),
        ...(values['history-dir'] ? { historyDir: values['history-dir'] } : {}),
        ...(compare
          ? {
              compare: {
                ...(typeof loaded.compare === 'object' ? loaded.compare : {}),
                url: compare,
                ...(values['compare-runs'] ? { runs: toInt('--compare-runs', values['compare-runs']) } : {}),
              },
            }
          : {}),
      },
      io.env,
    )
    const gates = promotionGates(
      values,
      config.commit ?? io.env.VERCEL_GIT_COMMIT_SHA ?? io.env.GITHUB_SHA,
      io.env,
    )
    for (const gate of gates) {
      // A gate that cannot be opened is opened again at the end; verification goes on.
      await gate
        .start()
        .catch((error: Error) => io.stderr.write(`deploy-verify: ${gate.name}: ${error.message}\n`))
    }
    const deployment = await verifyDeployment(config, {
      cwd: io.cwd,
      env: io.env,
      onResult: values.json ? undefined : (result) => io.stdout.write(`${checkLine(result)}\n`),
    })
    if (values['vercel-check'])
      deployment.deployment = { provider: 'vercel', id: deploymentIdOf(values, io.env), url: config.url }
    const markdown = renderMarkdown(deployment)
    if (record)
      await recordDeploy(deployment, {
        cwd: io.cwd,
        dir: config.historyDir,
        env: io.env,
        warn: (message) => io.stderr.write(`deploy-verify: ${message}\n`),
      })
    await sendTrace(deployment, io)
    if (values.junit) write(resolve(io.cwd, values.junit), renderJunit(deployment))
    if (values.markdown) write(resolve(io.cwd, values.markdown), markdown)
    if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `${markdown}\n`)
    if (values.json) io.stdout.write(`${JSON.stringify(deployment, null, 2)}\n`)
    else
      io.stdout.write(
        `${deployment.status === 'pass' ? 'deployment verified' : 'deployment FAILED verification'}: ${deployment.url}\n`,
      )
    let reported = true
    for (const gate of gates) {
      try {
        await gate.finish(deployment, markdown)
        if (!values.json)
          io.stdout.write(`reported to ${gate.name}: ${deployment.status === 'pass' ? 'passed' : 'failed'}\n`)
      } catch (error) {
        // An unreported verdict leaves the promotion held or unguarded: the run fails so someone looks.
        io.stderr.write(`deploy-verify: could not report to ${gate.name}: ${(error as Error).message}\n`)
        reported = false
      }
    }
    if (deployment.status === 'fail' && values['rollback-on-fail']) {
      io.stdout.write('verification failed: rolling production back to the previous deployment\n')
      await rollback(
        { action: 'prev', target: undefined, yes: values.yes, json: values.json, record },
        provider(),
        loaded,
        io,
      )
    }
    return deployment.status === 'pass' && reported ? 0 : 1
  } catch (error) {
    if (error instanceof MissingCliError) {
      io.stderr.write(`deploy-verify: ${error.message}\n`)
      return 2
    }
    if (error instanceof ProviderError) {
      io.stderr.write(`deploy-verify: ${error.message}\n`)
      return 1
    }
    return exitForError(
      'deploy-verify',
      error,
      io,
      (e) => e instanceof DeployConfigError || e instanceof GateReportError,
    )
  }
}

/** The verification as a trace when OTEL_EXPORTER_OTLP_ENDPOINT is set, under TRACEPARENT; a failure is a warning. */
async function sendTrace(record: DeployRecord, io: CliIo): Promise<void> {
  const target = otlpTargetFromEnv(io.env)
  if (!target) return
  try {
    await exportSpans(deploySpans(record, io.env), target, {
      traceparent: io.env.TRACEPARENT,
      tracestate: io.env.TRACESTATE,
      serviceName: 'shipwatch-deploy-verify',
      version: pkg.version,
    })
  } catch (error) {
    io.stderr.write(
      `deploy-verify: could not send the trace (${(error as Error).message}); the verdict stands\n`,
    )
  }
}

interface GateFlags {
  'github-check': boolean
  'check-name'?: string | undefined
  'vercel-check'?: string | undefined
  'deployment-id'?: string | undefined
}

/** The gates the flags ask for; a missing token or id is a configuration error, before anything runs. */
function promotionGates(values: GateFlags, sha: string | undefined, env: NodeJS.ProcessEnv): PromotionGate[] {
  const detailsUrl = actionsRunUrl(env)
  const gates: PromotionGate[] = []
  if (values['github-check']) {
    if (!sha)
      throw new GateReportError('--github-check needs the deployed commit: --commit <sha> (or GITHUB_SHA)')
    gates.push(githubCheckGate({ name: values['check-name'], sha, env, detailsUrl }))
  }
  if (values['vercel-check'])
    gates.push(
      vercelCheckGate({
        checkId: values['vercel-check'],
        deploymentId: deploymentIdOf(values, env),
        env,
        detailsUrl,
      }),
    )
  return gates
}

function deploymentIdOf(values: GateFlags, env: NodeJS.ProcessEnv): string {
  return values['deployment-id'] ?? env.VERCEL_DEPLOYMENT_ID ?? ''
}

/** Rollback verifies production after it, whose URL comes from the host: the rest of the config is checked now. */
function validateConfigLater(config: DeployVerifyConfig, env: NodeJS.ProcessEnv): DeployVerifyConfig {
  validateConfig({ ...config, url: config.url ?? 'https://production.invalid' }, env)
  return config
}

function toInt(flag: string, value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0)
    throw new DeployConfigError(`${flag} must be a whole number, got ${value}`)
  return n
}

function write(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
}
