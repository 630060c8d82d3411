import { createInterface } from 'node:readline/promises'
import type { CliIo } from '@shipwatch/core'
import type { DeployVerifyConfig } from '../config/options.js'
import {
  currentProduction,
  type HostedDeployment,
  type HostingProvider,
  previousProduction,
} from '../providers/provider.js'
import { isDeploymentRef } from '../providers/vercel.js'
import { recordDeploy } from '../record-deploy.js'
import { checkLine } from '../report/render.js'
import { verifyDeployment } from '../verify-deployment.js'

export interface RollbackArgs {
  action: string | undefined
  target: string | undefined
  yes: boolean
  json: boolean
  /** Write the verification after the rollback to the history. */
  record: boolean
}

export const ROLLBACK_ACTIONS = ['list', 'current', 'prev', 'to', 'status']

/** `deploy-verify rollback list | current | prev | to <url|id> | status`. */
export async function rollback(
  args: RollbackArgs,
  provider: HostingProvider,
  config: DeployVerifyConfig,
  io: CliIo,
): Promise<number> {
  const out = (value: unknown, text: string) =>
    io.stdout.write(args.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`)
  if (args.action === 'to' && !(args.target && isDeploymentRef(args.target))) {
    io.stderr.write(
      `deploy-verify rollback to: ${args.target ? `${JSON.stringify(args.target.slice(0, 100))} is not` : 'give'} a deployment id (dpl_…) or URL (https://app-abc.vercel.app)\n`,
    )
    return 2
  }
  const deployments = args.action === 'status' ? [] : await provider.list()
  switch (args.action) {
    case 'list':
      out(deployments, deployments.map(describe).join('\n') || 'no deployments')
      return 0
    case 'current': {
      const current = currentProduction(deployments)
      out(current, current ? describe(current) : 'no READY production deployment')
      return current ? 0 : 1
    }
    case 'status':
      out({ status: await provider.status() }, await provider.status())
      return 0
    case 'prev':
    case 'to': {
      const target =
        args.action === 'prev'
          ? previousProduction(deployments)
          : deployments.find(
              (d) => d.id === args.target || d.url === args.target || d.url === `https://${args.target}`,
            )
      if (!target) {
        io.stderr.write(
          args.action === 'prev'
            ? 'no earlier READY production deployment to roll back to\n'
            : `no deployment ${args.target}: see deploy-verify rollback list\n`,
        )
        return 2
      }
      if (!args.json)
        io.stdout.write(
          `roll production back to ${describe(target)}\n  evidence: the newest READY production deployment before the current one, commit ${target.commitSha?.slice(0, 7) ?? 'unknown'}\n`,
        )
      if (!(await confirmed(args, io))) return 2
      await provider.rollbackTo(target.id)
      // After the rollback, verify production again and report it.
      // Production now serves the target: verify it as the build of its own commit (no comparison with itself).
      const record = await verifyDeployment(
        { ...config, url: target.url, commit: target.commitSha ?? undefined, compare: undefined },
        { cwd: io.cwd, env: io.env },
      )
      record.deployment = { provider: provider.name, id: target.id, url: target.url }
      if (args.record)
        await recordDeploy(record, {
          cwd: io.cwd,
          dir: config.historyDir,
          env: io.env,
          warn: (message) => io.stderr.write(`deploy-verify: ${message}\n`),
        })
      if (args.json) out({ rolledBackTo: target, verification: record }, '')
      else for (const check of record.checks) io.stdout.write(`${checkLine(check)}\n`)
      io.stdout.write(
        args.json
          ? ''
          : `rolled back; production ${record.status === 'pass' ? 'verified' : 'FAILED verification'}\n`,
      )
      return record.status === 'pass' ? 0 : 1
    }
    default:
      io.stderr.write('deploy-verify rollback: use list, current, prev, to <url|id> or status\n')
      return 2
  }
}

/** Asks on a terminal; in CI (no terminal) only --yes goes ahead. */
async function confirmed(args: RollbackArgs, io: CliIo): Promise<boolean> {
  if (args.yes) return true
  if (io.env.CI || !io.stdout.isTTY) {
    io.stderr.write('refusing to roll back without --yes (not an interactive terminal)\n')
    return false
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question('roll back production? [y/N] ')
  rl.close()
  return /^y(es)?$/i.test(answer.trim())
}

function describe(d: HostedDeployment): string {
  const age = Math.round((Date.now() - d.createdAt) / 60_000)
  return `${d.id}  ${d.url}  ${d.state}  ${d.target ?? 'preview'}  ${age} min ago  ${d.commitSha?.slice(0, 7) ?? '-'}`
}
