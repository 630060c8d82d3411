import { readFileSync } from 'node:fs'
import type { CiInfo } from '../schema/envelope.js'

/**
 * CI facts from env-ci (provider, build, branch, PR), completed for GitHub Actions pull requests with the head
 * branch (`GITHUB_HEAD_REF`) and the base sha from the event payload, which env-ci does not read.
 */
export async function detectCi(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<CiInfo> {
  // Outside CI, env-ci falls back to running git synchronously, which would block a build's main thread;
  // our own git facts come from readGitFacts, asynchronously.
  if (!looksLikeCi(env)) return emptyCi(false)
  // Loaded only in CI: it takes ≈ 75 ms to import, which a local build should not pay.
  const { default: envCi } = await import('env-ci')
  let ci: ReturnType<typeof envCi>
  try {
    ci = envCi({ env, cwd })
  } catch {
    ci = { isCi: false }
  }
  if (!ci.isCi) return emptyCi(false)
  const isPr = Boolean(ci.isPr)
  const event = ci.service === 'github' && isPr ? readGithubEvent(env) : undefined
  const pr = toInt(ci.pr)
  return {
    isCi: true,
    provider: ci.service ?? ci.name ?? null,
    buildId: ci.build ?? ci.job ?? null,
    buildUrl: ci.buildUrl ?? ci.jobUrl ?? null,
    // For a PR, env-ci's `branch` is the target branch; we record the head branch as the branch built.
    branch: isPr ? (env.GITHUB_HEAD_REF ?? event?.headRef ?? ci.prBranch ?? null) : (ci.branch ?? null),
    pr: isPr ? pr : null,
    baseBranch: isPr ? (ci.branch ?? null) : null,
    baseSha: event?.baseSha ?? null,
  }
}

// Variables that CI services set (most set CI; these cover the ones that do not).
const CI_MARKERS = [
  'CI',
  'CONTINUOUS_INTEGRATION',
  'BUILD_ID',
  'BUILD_NUMBER',
  'RUN_ID',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'JENKINS_URL',
  'TEAMCITY_VERSION',
  'TF_BUILD',
  'bamboo_agentId',
  'CODEBUILD_BUILD_ID',
  'BUILDKITE',
  'VERCEL',
  'NETLIFY',
  'CIRCLECI',
  'TRAVIS',
  'APPVEYOR',
  'DRONE',
  'SEMAPHORE',
  'BITBUCKET_BUILD_NUMBER',
]

function looksLikeCi(env: NodeJS.ProcessEnv): boolean {
  return CI_MARKERS.some((name) => env[name] !== undefined && env[name] !== '' && env[name] !== 'false')
}

function emptyCi(isCi: boolean): CiInfo {
  return {
    isCi,
    provider: null,
    buildId: null,
    buildUrl: null,
    branch: null,
    pr: null,
    baseBranch: null,
    baseSha: null,
  }
}

function readGithubEvent(env: NodeJS.ProcessEnv): { baseSha?: string; headRef?: string } | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
    return { baseSha: event?.pull_request?.base?.sha, headRef: event?.pull_request?.head?.ref }
  } catch {
    return undefined
  }
}

function toInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10)
  return Number.isInteger(n) ? n : null
}
