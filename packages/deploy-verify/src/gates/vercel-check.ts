import type { DeployRecord } from '@shipwatch/core'
import { apiRequest, GateReportError } from './api-request.js'
import type { PromotionGate } from './gate.js'

export interface VercelCheckOptions {
  /** The project's check (Deployment Checks) this run reports for. */
  checkId: string
  /** The deployment verified: `dpl_…`. */
  deploymentId: string
  env: NodeJS.ProcessEnv
  detailsUrl?: string | null
}

/**
 * A check run of Vercel's Checks API v2 for the deployment (`POST /v2/deployments/{deploymentId}/checkruns`, then
 * `PATCH …/checkruns/{checkRunId}` with the conclusion). With the project's check set to block, Vercel holds the
 * production promotion until the run concludes `succeeded` (a check created with `blocks: 'deployment-promotion'`). `VERCEL_TOKEN` authorizes it, `VERCEL_TEAM_ID` scopes
 * it to a team, `VERCEL_API_URL` points it elsewhere (tests).
 */
export function vercelCheckGate(options: VercelCheckOptions): PromotionGate {
  const { env } = options
  const token = env.VERCEL_TOKEN
  if (!token) throw new GateReportError("--vercel-check needs VERCEL_TOKEN (a token of the project's team)")
  if (!/^dpl_[A-Za-z0-9]{6,64}$/.test(options.deploymentId))
    throw new GateReportError(
      `--vercel-check needs the deployment id (dpl_…) from --deployment-id or VERCEL_DEPLOYMENT_ID, got ${JSON.stringify(options.deploymentId.slice(0, 80))}`,
    )
  if (!/^[\w-]{1,100}$/.test(options.checkId))
    throw new GateReportError(
      `--vercel-check needs the project's check id, got ${JSON.stringify(options.checkId.slice(0, 80))}`,
    )
  const api = (env.VERCEL_API_URL ?? 'https://api.vercel.com').replace(/\/$/, '')
  const team = env.VERCEL_TEAM_ID ? `?teamId=${encodeURIComponent(env.VERCEL_TEAM_ID)}` : ''
  const runs = `${api}/v2/deployments/${options.deploymentId}/checkruns`
  let id: string | null = null
  const open = async () => {
    const created = await apiRequest('POST', `${runs}${team}`, token, {
      checkId: options.checkId,
      name: 'deploy-verify',
      ...(options.detailsUrl ? { detailsUrl: options.detailsUrl } : {}),
    })
    if (typeof created.id !== 'string') throw new GateReportError('Vercel created a check run without an id')
    id = created.id
  }
  return {
    name: `Vercel check ${options.checkId}`,
    start: open,
    async finish(record: DeployRecord) {
      if (id === null) await open()
      await apiRequest('PATCH', `${runs}/${id}${team}`, token, {
        status: 'completed',
        conclusion: record.status === 'pass' ? 'succeeded' : 'failed',
        externalId: record.id,
        ...(options.detailsUrl ? { detailsUrl: options.detailsUrl } : {}),
      })
    },
  }
}
