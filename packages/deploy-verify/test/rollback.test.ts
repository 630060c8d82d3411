import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { vercelProvider } from '../src/providers/vercel.js'
import { onlyChecks } from './only-checks.js'
import { json, startServer } from './server.js'

const WEIRD_ID = 'dpl_$(touch pwned);rm -rf x'
const TOKEN = 'vercel-token-5e1f0c2a9b'
const dir = mkdtempSync(join(tmpdir(), 'shipwatch-rollback-'))
const log = join(dir, 'calls.jsonl')
let production = ''
let server: Awaited<ReturnType<typeof startServer>>
// The deployment `prev` rolls back to: production serves it after the rollback, and it is verified there.
let previousServer: Awaited<ReturnType<typeof startServer>>

// A stand-in for the vercel CLI with the documented JSON shape of `vercel ls -F json`; it records every argv.
function installFakeVercel() {
  const now = Date.now()
  const listing = {
    contextName: 'acme',
    deployments: [
      {
        uid: 'dpl_current',
        url: production,
        state: 'READY',
        target: 'production',
        createdAt: now - 60_000,
        meta: { githubCommitSha: 'c'.repeat(40) },
      },
      {
        uid: 'dpl_broken',
        url: 'broken.vercel.app',
        state: 'ERROR',
        target: 'production',
        createdAt: now - 120_000,
        meta: {},
      },
      {
        uid: 'dpl_previous',
        url: previousServer.url,
        state: 'READY',
        target: 'production',
        createdAt: now - 180_000,
        meta: { githubCommitSha: 'b'.repeat(40) },
      },
      {
        uid: WEIRD_ID,
        url: 'weird.vercel.app',
        state: 'READY',
        target: null,
        createdAt: now - 240_000,
        meta: {},
      },
    ],
    pagination: { count: 4 },
  }
  const script = `#!/usr/bin/env node
const fs = require('node:fs')
const args = process.argv.slice(2)
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n')
if (process.env.FAKE_VERCEL_FAIL) { process.stderr.write('Error: token ' + process.env.VERCEL_TOKEN + ' is not valid\\n'); process.exit(1) }
if (args[0] === 'ls') process.stdout.write(${JSON.stringify(JSON.stringify(listing))})
else if (args[0] === 'rollback' && args[1] === 'status') process.stdout.write('Rollback to previous.vercel.app complete\\n')
else if (args[0] === 'rollback') process.stdout.write('Success\\n')
`
  writeFileSync(join(dir, 'vercel'), script)
  chmodSync(join(dir, 'vercel'), 0o755)
}

beforeAll(async () => {
  server = await startServer({ '/api/health': json({ status: 'ok' }) })
  previousServer = await startServer({ '/api/health': json({ status: 'ok' }) })
  production = server.url
  installFakeVercel()
  writeFileSync(
    join(dir, 'deploy-verify.config.json'),
    JSON.stringify({ ...onlyChecks('health'), retries: 0 }),
  )
})
afterAll(async () => {
  await server.close()
  await previousServer.close()
  rmSync(dir, { recursive: true, force: true })
})

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  writeFileSync(log, '')
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv,
    cwd: dir,
    env: { PATH: `${dir}${delimiter}${process.env.PATH}`, VERCEL_TOKEN: TOKEN, ...env },
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  })
  const calls = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[])
  return { code, stdout, stderr, calls }
}

describe('deploy-verify rollback (Vercel CLI)', () => {
  it('lists deployments with state, target, age and commit', async () => {
    const { code, stdout, calls } = await cli(['rollback', 'list', '--json'])
    expect(code).toBe(0)
    expect(calls).toEqual([['ls', '-F', 'json']])
    const list = JSON.parse(stdout)
    expect(list.map((d: { id: string }) => d.id)).toEqual([
      'dpl_current',
      'dpl_broken',
      'dpl_previous',
      WEIRD_ID,
    ])
    expect(list[2]).toMatchObject({
      state: 'READY',
      target: 'production',
      commitSha: 'b'.repeat(40),
      url: previousServer.url,
    })
    // A bare host, as vercel ls prints it, becomes its https URL.
    expect(list[1]).toMatchObject({ state: 'ERROR', url: 'https://broken.vercel.app', commitSha: null })
  })

  it('current is the newest READY production deployment; prev the READY one before it', async () => {
    expect(JSON.parse((await cli(['rollback', 'current', '--json'])).stdout).id).toBe('dpl_current')
    const prev = await cli(['rollback', 'prev', '--yes'])
    expect(prev.stdout).toMatch(/roll production back to dpl_previous .* evidence: .* commit bbbbbbb/s)
  })

  it('refuses in CI without --yes, and calls nothing', async () => {
    const { code, stderr, calls } = await cli(['rollback', 'prev'], { CI: 'true' })
    expect(code).toBe(2)
    expect(stderr).toMatch(/refusing to roll back without --yes/)
    expect(calls).toEqual([['ls', '-F', 'json']])
  })

  it('rolls back with --yes, then verifies production again', async () => {
    const { code, stdout, calls } = await cli(['rollback', 'prev', '--yes'], { CI: 'true' })
    expect(calls).toEqual([
      ['ls', '-F', 'json'],
      ['rollback', '--', 'dpl_previous'],
    ])
    expect(stdout).toMatch(/✓ Health +\/api\/health healthy/)
    expect(stdout).toMatch(/rolled back; production verified/)
    expect(code).toBe(0)
    expect(previousServer.seen.map((r) => r.path)).toContain('/api/health')
    // The verification after the rollback is recorded, naming the deployment production now serves.
    const records = readFileSync(join(dir, 'test-artifacts/build-metrics/history.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(records.at(-1)).toMatchObject({
      kind: 'deploy',
      url: previousServer.url,
      deployment: { provider: 'vercel', id: 'dpl_previous', url: previousServer.url },
      expectedSha: 'b'.repeat(40),
      status: 'pass',
    })
  })

  it('without the vercel CLI on PATH, says how to install it and exits 2', async () => {
    const { code, stderr, stdout } = await cli(['rollback', 'list'], { PATH: '/nonexistent' })
    expect(code).toBe(2)
    expect(stderr).toBe(
      'deploy-verify: rollback runs the Vercel CLI, and there is no `vercel` on PATH: npm install --global vercel (then set VERCEL_TOKEN, and run vercel link once in the project)\n',
    )
    expect(stdout).toBe('')
  })

  it('an unknown action is a usage error before any vercel call', async () => {
    const { code, stderr, calls } = await cli(['rollback', 'frob'])
    expect(code).toBe(2)
    expect(stderr).toBe(
      'deploy-verify: rollback "frob" is not an action: use list, current, prev, to, status\n',
    )
    expect(calls).toEqual([])
  })

  it('rejects an id that is not a deployment id or URL, and calls nothing', async () => {
    for (const target of [WEIRD_ID, '-h', '--token=x', 'https://user:pw@evil.example']) {
      const { code, stderr, calls } = await cli(['rollback', 'to', '--yes', '--', target])
      expect(code).toBe(2)
      expect(stderr).toMatch(/is not a deployment id \(dpl_…\) or URL/)
      expect(calls).toEqual([])
    }
    expect(existsSync(join(dir, 'pwned'))).toBe(false)
  })

  it('never hands the CLI an operand it could read as an option, even one from its own listing', async () => {
    const provider = vercelProvider({ env: { PATH: `${dir}${delimiter}${process.env.PATH}` }, cwd: dir })
    writeFileSync(log, '')
    await expect(provider.rollbackTo('--token=x')).rejects.toThrow(/not a Vercel deployment id or URL/)
    await provider.rollbackTo('https://previous.vercel.app')
    expect(readFileSync(log, 'utf8').trim()).toBe(
      JSON.stringify(['rollback', '--', 'https://previous.vercel.app']),
    )
  })

  it('reports rollback status, and never prints the token, even when the CLI does', async () => {
    expect((await cli(['rollback', 'status'])).stdout).toMatch(/Rollback to previous.vercel.app complete/)
    const failure = await cli(['rollback', 'status'], { FAKE_VERCEL_FAIL: '1' })
    expect(failure.code).toBe(1)
    expect(failure.stderr).toMatch(
      /^deploy-verify: vercel rollback failed: Error: token \[redacted\] is not valid\n$/,
    )
    expect(failure.stderr + failure.stdout).not.toContain(TOKEN)
  })

  it('never puts the token in an argument', async () => {
    const { calls } = await cli(['rollback', 'list'])
    expect(calls.flat().join(' ')).not.toContain(TOKEN)
  })
})
