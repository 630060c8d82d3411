import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type CliIo, exitForError, HistoryStore, parseCliArgs } from '@shipwatch/core'
import { loadConfig } from '../config/load-config.js'
import { DeployConfigError, type DeployVerifyConfig } from '../config/options.js'
import { ProviderError } from '../providers/provider.js'
import { vercelProvider } from '../providers/vercel.js'
import { checkLine, renderJunit, renderMarkdown } from '../report/render.js'
import { verifyDeployment } from '../verify-deployment.js'
import { HELP } from './help.js'
import { rollback } from './rollback.js'

/** `deploy-verify [url]`: 0 all checks passed, 1 a check failed, 2 usage or configuration error. */
export async function run(io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseCliArgs({
      args: io.argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        commit: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        'history-dir': { type: 'string' },
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
    const loaded = await loadConfig(io.cwd, values.config)
    const provider = () => vercelProvider({ env: io.env, cwd: io.cwd })
    if (positionals[0] === 'rollback') {
      const [, action, target] = positionals
      return await rollback({ action, target, yes: values.yes, json: values.json }, provider(), loaded, io)
    }
    if (positionals.length > 1)
      throw new DeployConfigError(`unexpected argument ${positionals[1]}: deploy-verify takes one URL`)
    // Flags override the config file.
    const config: DeployVerifyConfig = {
      ...loaded,
      ...(positionals[0] ? { url: positionals[0] } : {}),
      ...(values.commit ? { commit: values.commit } : {}),
      ...(values.timeout ? { timeoutMs: toInt('--timeout', values.timeout) } : {}),
      ...(values.retries ? { retries: toInt('--retries', values.retries) } : {}),
      ...(values['history-dir'] ? { historyDir: values['history-dir'] } : {}),
    }
    const record = await verifyDeployment(config, {
      cwd: io.cwd,
      env: io.env,
      onResult: values.json ? undefined : (result) => io.stdout.write(`${checkLine(result)}\n`),
    })
    const markdown = renderMarkdown(record)
    if (!values['no-record']) {
      await new HistoryStore({ root: io.cwd, dir: config.historyDir }).append(record)
    }
    if (values.junit) write(resolve(io.cwd, values.junit), renderJunit(record))
    if (values.markdown) write(resolve(io.cwd, values.markdown), markdown)
    if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `${markdown}\n`)
    if (values.json) io.stdout.write(`${JSON.stringify(record, null, 2)}\n`)
    else
      io.stdout.write(
        `${record.status === 'pass' ? 'deployment verified' : 'deployment FAILED verification'}: ${record.url}\n`,
      )
    if (record.status === 'fail' && values['rollback-on-fail']) {
      io.stdout.write('verification failed: rolling production back to the previous deployment\n')
      await rollback(
        { action: 'prev', target: undefined, yes: values.yes, json: values.json },
        provider(),
        loaded,
        io,
      )
    }
    return record.status === 'pass' ? 0 : 1
  } catch (error) {
    if (error instanceof ProviderError) {
      io.stderr.write(`deploy-verify: ${error.message}\n`)
      return 1
    }
    return exitForError('deploy-verify', error, io, (e) => e instanceof DeployConfigError)
  }
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
