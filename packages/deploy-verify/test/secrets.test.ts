import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { onlyChecks } from './only-checks.js'
import { json, startServer } from './server.js'

// Every secret a verification meets, and the parts of them a hostile server may echo on their own.
const DB_USER = 'appuser-7d1'
const DB_PASSWORD = 'S3cr3t-pw:8841/x' // a ':' and a '/' are percent-encoded in the URL, echoed decoded
const BYPASS = 'bypass-secret-0c4e9b21'
const JWT_SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS1rZXk'
const ANON_KEY = `eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.${JWT_SIGNATURE}`
const SECRET_PARTS = [DB_USER, DB_PASSWORD, encodeURIComponent(DB_PASSWORD), BYPASS, ANON_KEY, JWT_SIGNATURE]

const cleanup: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const step of cleanup.splice(0)) await step()
})

/**
 * A Postgres server (wire protocol 3) that refuses every login with an error echoing the user and password, as a
 * misconfigured proxy or a hostile server could: the stand-in for a server we do not control.
 */
async function echoingPostgres(): Promise<number> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.once('data', () => {
      const fields = [
        ['S', 'FATAL'],
        ['V', 'FATAL'],
        ['C', '28P01'],
        ['M', `password authentication failed for user "${DB_USER}": got "${DB_PASSWORD}"`],
      ]
        .map(([code, text]) => `${code}${text}\0`)
        .join('')
      const body = Buffer.from(`${fields}\0`)
      const header = Buffer.alloc(5)
      header.write('E', 0)
      header.writeInt32BE(body.length + 4, 1)
      socket.end(Buffer.concat([header, body]))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  )
  return (server.address() as { port: number }).port
}

describe('secrets in every output', () => {
  it('no part of any secret reaches stdout, --json, JUnit, Markdown, the step summary or the history', async () => {
    const pgPort = await echoingPostgres()
    // The deployment echoes what it is sent: the bypass header in its health error and as build-info's commit,
    // the Supabase key's signature in an error.
    const site = await startServer({
      '/api/health': (q, s) => json({ status: `bad ${q.headers['x-vercel-protection-bypass']}` }, 500)(q, s),
      '/build-info.json': (q, s) =>
        json({ commitSha: String(q.headers['x-vercel-protection-bypass']), files: [] })(q, s),
      '/auth/v1/health': (q, s) =>
        json({ message: `invalid signature ${String(q.headers.apikey).split('.')[2]}` }, 401)(q, s),
    })
    cleanup.push(() => site.close())
    const dir = mkdtempSync(join(tmpdir(), 'shipwatch-secrets-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    mkdirSync(join(dir, 'supabase/migrations'), { recursive: true })
    writeFileSync(join(dir, 'supabase/migrations/20260101000000_init.sql'), 'select 1;')
    writeFileSync(
      join(dir, 'deploy-verify.config.json'),
      JSON.stringify({ ...onlyChecks('health', 'identity'), retries: 0, identity: { waitMs: 0 } }),
    )
    const summary = join(dir, 'step-summary.md')
    const outputs: string[] = []
    const io = (argv: string[]) => ({
      argv,
      cwd: dir,
      env: {
        VERCEL_AUTOMATION_BYPASS_SECRET: BYPASS,
        SUPABASE_URL: site.url,
        SUPABASE_ANON_KEY: ANON_KEY,
        SUPABASE_DB_URL: `postgres://${DB_USER}:${encodeURIComponent(DB_PASSWORD)}@127.0.0.1:${pgPort}/postgres`,
        GITHUB_STEP_SUMMARY: summary,
      },
      stdout: { write: (c: string) => outputs.push(c) },
      stderr: { write: (c: string) => outputs.push(c) },
    })
    const common = ['--commit', 'a'.repeat(40), '--junit', 'out/junit.xml', '--markdown', 'out/summary.md']
    expect(await run(io([site.url, ...common]))).toBe(1)
    expect(await run(io([site.url, ...common, '--json']))).toBe(1)

    const history = readFileSync(join(dir, 'test-artifacts/build-metrics/history.jsonl'), 'utf8')
    const everything = [
      ...outputs,
      readFileSync(join(dir, 'out/junit.xml'), 'utf8'),
      readFileSync(join(dir, 'out/summary.md'), 'utf8'),
      readFileSync(summary, 'utf8'),
      history,
    ].join('\n')
    // The checks did meet the echoes: each failed on them, and what they said is there, redacted.
    const record = JSON.parse(history.trim().split('\n').at(-1)!)
    const byId = Object.fromEntries(record.checks.map((c: { id: string }) => [c.id, c]))
    expect(byId.migrations.message).toMatch(
      /password authentication failed for user "\[redacted\]": got "\[redacted\]"/,
    )
    expect(byId.health.status).toBe('fail')
    expect(byId.identity.message).toMatch(/is not a build-info file: commitSha must be a commit sha/)
    expect(byId.supabase.status).toBe('fail')
    expect(record.servedSha).toBeNull()
    for (const part of SECRET_PARTS)
      expect({ part, count: everything.split(part).length - 1 }).toEqual({ part, count: 0 })
  })
})
