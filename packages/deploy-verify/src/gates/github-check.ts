import type { DeployRecord } from '@shipwatch/core'
import { apiRequest, GateReportError } from './api-request.js'
import { gateTitle, type PromotionGate } from './gate.js'

export interface GithubCheckOptions {
  /** The check's name in the pull request and in branch protection. @default 'deploy-verify' */
  name?: string
  /** The commit the check run belongs to: the deployed sha. */
  sha: string
  env: NodeJS.ProcessEnv
  /** Link from the check to the run that verified it. */
  detailsUrl?: string | null
}

// GitHub cuts a check run's output.summary and output.text at 65,535 characters.
const OUTPUT_LIMIT = 65_535

/**
 * A GitHub check run for the deployed commit, through the REST API (`POST` then `PATCH
 * /repos/{owner}/{repo}/check-runs`): in Actions, `GITHUB_TOKEN` with `checks: write`, `GITHUB_REPOSITORY`, and
 * `GITHUB_API_URL` (GitHub Enterprise, or a test server) are all the environment needs.
 */
export function githubCheckGate(options: GithubCheckOptions): PromotionGate {
  const { env } = options
  const token = env.GITHUB_TOKEN
  const repository = env.GITHUB_REPOSITORY ?? ''
  if (!token) throw new GateReportError('--github-check needs GITHUB_TOKEN (with permissions: checks: write)')
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new GateReportError('--github-check needs GITHUB_REPOSITORY as owner/repo (set by GitHub Actions)')
  if (!/^[0-9a-f]{40}$/i.test(options.sha))
    throw new GateReportError(
      `--github-check needs the full 40-character commit sha, got ${JSON.stringify(options.sha.slice(0, 50))}`,
    )
  const base = `${(env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '')}/repos/${repository}/check-runs`
  const headers = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' }
  const name = options.name ?? 'deploy-verify'
  let id: number | null = null
  return {
    name: `GitHub check "${name}"`,
    async start() {
      const created = await apiRequest(
        'POST',
        base,
        token,
        {
          name,
          head_sha: options.sha,
          status: 'in_progress',
          started_at: new Date().toISOString(),
          ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
        },
        headers,
      )
      if (typeof created.id !== 'number')
        throw new GateReportError('GitHub created a check run without an id')
      id = created.id
    },
    async finish(record: DeployRecord, summary: string) {
      const failed = record.checks.filter((c) => c.status === 'fail')
      const output = {
        title: gateTitle(record),
        summary: cut(summary),
        text: cut(
          failed
            .map((c) => [`### ${c.title}`, c.message, ...c.details.map((d) => `- ${d}`)].join('\n'))
            .join('\n\n') || 'Every check passed or was skipped with its reason (see the summary).',
        ),
      }
      const body = {
        status: 'completed',
        conclusion: record.status === 'pass' ? 'success' : 'failure',
        completed_at: new Date().toISOString(),
        output,
      }
      if (id === null)
        await apiRequest('POST', base, token, { name, head_sha: options.sha, ...body }, headers)
      else await apiRequest('PATCH', `${base}/${id}`, token, body, headers)
    },
  }
}

function cut(text: string): string {
  return text.length <= OUTPUT_LIMIT ? text : `${text.slice(0, OUTPUT_LIMIT - 2)}\n…`
}
