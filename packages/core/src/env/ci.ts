import { readFileSync } from 'node:fs'
import type { CiInfo } from '../schema/envelope.js'

type EnvCiResult = Awaited<ReturnType<typeof import('env-ci').default>>

/**
 * CI facts (provider, build, branch, PR): GitHub Actions read directly (`githubActions`), any other CI through env-ci.
 * GitHub pull requests are completed with the head branch (`GITHUB_HEAD_REF`) and the base sha from the event
 * payload, which env-ci does not read.
 */
export async function detectCi(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<CiInfo> {
  // Outside CI, env-ci falls back to running git synchronously, which would block a build's main thread;
  // our own git facts come from readGitFacts, asynchronously.
  if (!looksLikeCi(env)) return emptyCi(false)
  // `GITHUB_ACTIONS` set is env-ci's own test for GitHub.
  const event = env.GITHUB_ACTIONS ? readGithubEvent(env) : null
  const ci = event ? githubActions(env, event) : await envCiFacts(env, cwd)
  if (!ci.isCi) return emptyCi(false)
  const isPr = Boolean(ci.isPr)
  const pr = toInt(ci.pr)
  return {
    isCi: true,
    provider: ci.service ?? ci.name ?? null,
    buildId: ci.build ?? ci.job ?? null,
    buildUrl: ci.buildUrl ?? ci.jobUrl ?? null,
    // For a PR, env-ci's `branch` is the target branch; we record the head branch as the branch built.
    branch: isPr
      ? (env.GITHUB_HEAD_REF ?? event?.pullRequest?.headRef ?? ci.prBranch ?? null)
      : (ci.branch ?? null),
    pr: isPr ? pr : null,
    baseBranch: isPr ? (ci.branch ?? null) : null,
    baseSha: isPr ? (event?.pullRequest?.baseSha ?? null) : null,
  }
}

async function envCiFacts(env: NodeJS.ProcessEnv, cwd: string): Promise<EnvCiResult> {
  // Loaded only in CI, and not on GitHub Actions: it takes ≈ 45 ms to import (it loads execa), which a local
  // build should not pay.
  const { default: envCi } = await import('env-ci')
  try {
    return envCi({ env, cwd })
  } catch {
    return { isCi: false } as EnvCiResult
  }
}

/**
 * GitHub Actions, the CI most builds here run on, read as env-ci's GitHub service reads it (env-ci 11,
 * `services/github.js`), from the documented variables and the event payload: env-ci's import alone would cost
 * every build on GitHub ≈ 45 ms. A test holds the two answers equal.
 */
export function githubActions(env: NodeJS.ProcessEnv, event: GithubEvent): EnvCiResult {
  const isPr = env.GITHUB_EVENT_NAME === 'pull_request' || env.GITHUB_EVENT_NAME === 'pull_request_target'
  const pullRequest = event.pullRequest
  const ref =
    env.GITHUB_EVENT_NAME === 'pull_request_target'
      ? `refs/pull/${pullRequest?.number}/merge`
      : env.GITHUB_REF
  const branch = withoutHeads(ref)
  return {
    isCi: true,
    name: 'GitHub Actions',
    service: 'github',
    commit: env.GITHUB_SHA,
    build: env.GITHUB_RUN_ID,
    buildUrl: `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    isPr,
    branch: isPr ? withoutHeads(pullRequest?.baseRef) : branch,
    prBranch: isPr ? branch : undefined,
    slug: env.GITHUB_REPOSITORY,
    root: env.GITHUB_WORKSPACE,
    ...(isPr ? { pr: pullRequest?.number } : {}),
  } as EnvCiResult
}

function withoutHeads(ref: string | undefined): string | undefined {
  return ref ? ref.replace(/^refs\/heads\//i, '') : undefined
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

export interface GithubEvent {
  pullRequest?: { number?: number; baseRef?: string; baseSha?: string; headRef?: string }
}

/** The parts of the event payload (`GITHUB_EVENT_PATH`) we read; an empty event when there is none to read. */
export function readGithubEvent(env: NodeJS.ProcessEnv): GithubEvent {
  if (!env.GITHUB_EVENT_PATH) return {}
  try {
    const pull = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))?.pull_request
    if (!pull) return {}
    return {
      pullRequest: {
        number: pull.number,
        baseRef: pull.base?.ref,
        baseSha: pull.base?.sha,
        headRef: pull.head?.ref,
      },
    }
  } catch {
    return {}
  }
}

function toInt(value: unknown): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10)
  return Number.isInteger(n) ? n : null
}
