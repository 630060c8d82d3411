import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { onlyChecks } from './only-checks.js'
import { json, startServer } from './server.js'

// Stand-ins for GitHub's and Vercel's REST APIs (not reachable from here), answering with the documented shapes:
// GitHub `POST /repos/{owner}/{repo}/check-runs` → 201 { id, … }, `PATCH …/check-runs/{id}` → 200; Vercel Checks v2
// `POST /v2/deployments/{deploymentId}/checkruns` → { id, checkId, deploymentId, status, … }, `PATCH …/{id}` → 200.
interface ApiCall {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
}

async function fakeApi(answer: (call: ApiCall, res: ServerResponse) => void) {
  const calls: ApiCall[] = []
  const server = createServer((req, res) => {
    let text = ''
    req.on('data', (c) => (text += c))
    req.on('end', () => {
      const call = {
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        body: JSON.parse(text || '{}'),
      }
      calls.push(call)
      answer(call, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const send = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))

const githubAnswers = (call: ApiCall, res: ServerResponse) =>
  call.method === 'POST'
    ? send(res, 201, {
        id: 4242,
        name: call.body.name,
        head_sha: call.body.head_sha,
        status: call.body.status,
      })
    : send(res, 200, { id: 4242, status: call.body.status, conclusion: call.body.conclusion })

const vercelAnswers = (call: ApiCall, res: ServerResponse) =>
  call.method === 'POST'
    ? send(res, 200, {
        id: 'chkrun_1',
        checkId: call.body.checkId,
        deploymentId: 'dpl_abc123',
        name: call.body.name,
        status: 'running',
        createdAt: 1,
        updatedAt: 1,
      })
    : send(res, 200, { id: 'chkrun_1', status: call.body.status, conclusion: call.body.conclusion })

const SHA = 'a'.repeat(40)
const GITHUB_TOKEN = 'ghs_0123456789abcdefFAKE'
const VERCEL_TOKEN = 'vercel_token_0123456789FAKE'
const dir = mkdtempSync(join(tmpdir(), 'shipwatch-deploy-gates-'))
let healthy: Awaited<ReturnType<typeof startServer>>
let broken: Awaited<ReturnType<typeof startServer>>
const apis: { close(): Promise<void> }[] = []

beforeAll(async () => {
  healthy = await startServer({ '/api/health': json({ status: 'ok' }) })
  broken = await startServer({ '/api/health': json({ status: 'down' }, 503) })
  writeFileSync(
    join(dir, 'deploy-verify.config.json'),
    JSON.stringify({ ...onlyChecks('health'), migrations: false, supabase: false, retries: 0 }),
  )
})
afterEach(async () => {
  await Promise.all(apis.splice(0).map((a) => a.close()))
})
afterAll(async () => {
  await healthy.close()
  await broken.close()
  rmSync(dir, { recursive: true, force: true })
})

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv: [...argv, '--no-record'],
    cwd: dir,
    env,
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  })
  return { code, stdout, stderr }
}

describe('--github-check: a check run for the deployed commit', () => {
  const env = (api: string) => ({
    GITHUB_TOKEN,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: api,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '77',
  })

  it('opens it in progress, then completes it with the verdict, the summary and the failures', async () => {
    const api = await fakeApi(githubAnswers)
    apis.push(api)
    const { code, stdout, stderr } = await cli([broken.url, '--commit', SHA, '--github-check'], env(api.url))
    expect(code).toBe(1)
    expect(stdout).toMatch(/reported to GitHub check "deploy-verify": failed\n$/)
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /repos/acme/shop/check-runs',
      'PATCH /repos/acme/shop/check-runs/4242',
    ])
    for (const call of api.calls) {
      expect(call.headers.authorization).toBe(`Bearer ${GITHUB_TOKEN}`)
      expect(call.headers.accept).toBe('application/vnd.github+json')
      expect(call.headers['x-github-api-version']).toBe('2022-11-28')
    }
    const [open, close] = api.calls as [ApiCall, ApiCall]
    expect(open.body).toEqual({
      name: 'deploy-verify',
      head_sha: SHA,
      status: 'in_progress',
      started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      details_url: 'https://github.com/acme/shop/actions/runs/77',
    })
    expect(close.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      completed_at: expect.stringMatching(/^\d{4}-/),
      output: {
        title: 'Deployment failed verification: 0 passed, 1 failed, 0 warned, 0 skipped',
        summary: expect.stringContaining('🔴 Deployment failed verification'),
        text: '### Health\n/api/health answered 503\n- /api/health answered 503',
      },
    })
    expect(stdout + stderr).not.toContain(GITHUB_TOKEN)
  })

  it('concludes success for a deployment that passes, under the name given', async () => {
    const api = await fakeApi(githubAnswers)
    apis.push(api)
    const { code } = await cli(
      [healthy.url, '--commit', SHA, '--github-check', '--check-name', 'preview ok'],
      env(api.url),
    )
    expect(code).toBe(0)
    expect(api.calls[0]!.body.name).toBe('preview ok')
    expect(api.calls[1]!.body).toMatchObject({
      conclusion: 'success',
      output: { title: expect.stringMatching(/^Deployment verified: 1 passed/) },
    })
  })

  it('without a token or a full sha: a configuration error before anything runs', async () => {
    const api = await fakeApi(githubAnswers)
    apis.push(api)
    const noToken = await cli([healthy.url, '--commit', SHA, '--github-check'], {
      ...env(api.url),
      GITHUB_TOKEN: '',
    })
    expect(noToken).toMatchObject({
      code: 2,
      stderr: 'deploy-verify: --github-check needs GITHUB_TOKEN (with permissions: checks: write)\n',
    })
    const shortSha = await cli([healthy.url, '--commit', 'abc1234', '--github-check'], env(api.url))
    expect(shortSha.code).toBe(2)
    expect(shortSha.stderr).toMatch(/needs the full 40-character commit sha/)
    expect(api.calls).toEqual([])
  })

  it('an API that refuses: the run fails (the verdict was not delivered), and its echo of the token is redacted', async () => {
    const api = await fakeApi((call, res) =>
      send(res, 403, { message: `Resource not accessible by ${call.headers.authorization}` }),
    )
    apis.push(api)
    const { code, stdout, stderr } = await cli([healthy.url, '--commit', SHA, '--github-check'], env(api.url))
    expect(code).toBe(1)
    expect(stdout).toMatch(/deployment verified/)
    expect(stderr).toMatch(/could not report to GitHub check "deploy-verify": POST .* answered 403/)
    expect(stdout + stderr).not.toContain(GITHUB_TOKEN)
    expect(stderr).toContain('[redacted]')
  })
})

describe('--vercel-check: a Checks v2 run that holds the promotion', () => {
  const env = (api: string) => ({ VERCEL_TOKEN, VERCEL_API_URL: api, VERCEL_TEAM_ID: 'team_1' })

  it('creates a run of the project check for the deployment, then concludes it', async () => {
    for (const [site, conclusion, exit] of [
      [healthy, 'succeeded', 0],
      [broken, 'failed', 1],
    ] as const) {
      const api = await fakeApi(vercelAnswers)
      apis.push(api)
      const { code, stdout } = await cli(
        [site.url, '--vercel-check', 'chk_deployverify', '--deployment-id', 'dpl_abc123', '--json'],
        env(api.url),
      )
      expect(code).toBe(exit)
      expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        'POST /v2/deployments/dpl_abc123/checkruns?teamId=team_1',
        'PATCH /v2/deployments/dpl_abc123/checkruns/chkrun_1?teamId=team_1',
      ])
      expect(api.calls.every((c) => c.headers.authorization === `Bearer ${VERCEL_TOKEN}`)).toBe(true)
      expect(api.calls[0]!.body).toEqual({ checkId: 'chk_deployverify', name: 'deploy-verify' })
      const record = JSON.parse(stdout)
      expect(api.calls[1]!.body).toEqual({ status: 'completed', conclusion, externalId: record.id })
      expect(record.deployment).toEqual({ provider: 'vercel', id: 'dpl_abc123', url: site.url })
      expect(stdout).not.toContain(VERCEL_TOKEN)
    }
  })

  it('the deployment id may come from VERCEL_DEPLOYMENT_ID; without one it is a configuration error', async () => {
    const api = await fakeApi(vercelAnswers)
    apis.push(api)
    const missing = await cli([healthy.url, '--vercel-check', 'chk_1'], env(api.url))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(
      'deploy-verify: --vercel-check needs the deployment id (dpl_…) from --deployment-id or VERCEL_DEPLOYMENT_ID, got ""\n',
    )
    expect(api.calls).toEqual([])
    const fromEnv = await cli([healthy.url, '--vercel-check', 'chk_1'], {
      ...env(api.url),
      VERCEL_DEPLOYMENT_ID: 'dpl_fromenv1',
    })
    expect(fromEnv.code).toBe(0)
    expect(api.calls[0]!.path).toBe('/v2/deployments/dpl_fromenv1/checkruns?teamId=team_1')
  })
})

describe('OTEL_EXPORTER_OTLP_ENDPOINT: the verification as a trace', () => {
  it('one span per check under the run, nested in TRACEPARENT, failures marked as errors', async () => {
    const collector = await fakeApi((_call, res) => send(res, 200, {}))
    apis.push(collector)
    const traceId = '0af7651916cd43dd8448eb211c80319c'
    const { code } = await cli([broken.url], {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      TRACEPARENT: `00-${traceId}-b7ad6b7169203331-01`,
    })
    expect(code).toBe(1)
    expect(collector.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/traces'])
    const spans = collector.calls[0]!.body.resourceSpans as {
      scopeSpans: {
        spans: {
          traceId: string
          spanId: string
          parentSpanId?: string
          name: string
          status?: { code?: number }
        }[]
      }[]
    }[]
    const all = spans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
    const run = all.find((s) => s.parentSpanId === 'b7ad6b7169203331')!
    expect(run.name).toBe(`deploy-verify ${broken.url}`)
    expect(all.every((s) => s.traceId === traceId)).toBe(true)
    const health = all.find((s) => s.name === 'check health')!
    expect(health.parentSpanId).toBe(run.spanId)
    // OTLP status code 2 is ERROR.
    expect(health.status?.code).toBe(2)
    expect(run.status?.code).toBe(2)
  })
})
