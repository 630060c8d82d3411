import { readFileSync } from 'node:fs'
import type { CiInfo } from '../schema/envelope.js'

type EnvCiResult = Awaited<ReturnType<typeof import('env-ci').default>>

/**
 * CI facts (provider, build, branch, PR) through env-ci, loaded only in CI. GitHub pull requests are completed with
 * the head branch and the base sha from the event payload, which env-ci does not read.
 */
export async function detectCi(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<CiInfo> {
  // Outside CI, env-ci falls back to running git synchronously, which would block a build's main thread;
  // our own git facts come from readGitFacts, asynchronously.
  if (!looksLikeCi(env)) return emptyCi(false)
  const ci = await envCiFacts(env, cwd)
  if (!ci.isCi) return emptyCi(false)
  const event = env.GITHUB_ACTIONS ? readGithubEvent(env) : {}
  const isPr = Boolean(ci.isPr)
  const pr = toInt(ci.pr)
  return {
    isCi: true,
    provider: ci.service ?? ci.name ?? null,
    buildId: ci.build ?? ci.job ?? null,
    buildUrl: ci.buildUrl ?? ci.jobUrl ?? null,
    // For a PR, env-ci's `branch` is the target branch; we record the head branch as the branch built.
    branch: isPr
      ? env.GITHUB_HEAD_REF || event.pullRequest?.headRef || ci.prBranch || null
      : (ci.branch ?? null),
    pr: isPr ? pr : null,
    baseBranch: isPr ? (ci.branch ?? null) : null,
    baseSha: isPr ? (event.pullRequest?.baseSha ?? null) : null,
    repository: repositoryOf(ci.slug),
  }
}

async function envCiFacts(env: NodeJS.ProcessEnv, cwd: string): Promise<EnvCiResult> {
  const { default: envCi } = await import('env-ci')
  try {
    return envCi({ env, cwd })
  } catch {
    return { isCi: false } as EnvCiResult
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

interface GithubEvent {
  pullRequest?: { baseSha?: string; headRef?: string }
}

/** The parts of the event payload (`GITHUB_EVENT_PATH`) we read; an empty event when there is none to read. */
function readGithubEvent(env: NodeJS.ProcessEnv): GithubEvent {
  if (!env.GITHUB_EVENT_PATH) return {}
  try {
    const pull = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))?.pull_request
    if (!pull) return {}
    return {
      pullRequest: { baseSha: pull.base?.sha, headRef: pull.head?.ref },
    }
  } catch {
    return {}
  }
}

function toInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10)
  return Number.isInteger(n) ? n : null
}

// A repository path as CI services write it; anything else (a URL, a secret in a variable) is not recorded.
const REPOSITORY = /^[\w.-]+(\/[\w.-]+){1,4}$/

function repositoryOf(slug: string | undefined): string | null {
  return slug && slug.length <= 200 && REPOSITORY.test(slug) ? slug : null
}
