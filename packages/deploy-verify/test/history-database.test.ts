import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PostgresHistory } from '@shipwatch/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Cluster, startCluster } from '../../../test-support/postgres-cluster.js'
import { run } from '../src/cli/run.js'
import { onlyChecks } from './only-checks.js'
import { json, startServer } from './server.js'

let cluster: Cluster
const dir = mkdtempSync(join(tmpdir(), 'shipwatch-deploy-db-'))
beforeAll(async () => {
  cluster = await startCluster()
  const history = await PostgresHistory.open(cluster.url)
  await history.migrate()
  await history.close()
}, 60_000)
afterAll(() => {
  cluster?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('SHIPWATCH_HISTORY_URL', () => {
  it('a deploy record goes to the file history and the database', async () => {
    const site = await startServer({ '/api/health': json({ status: 'ok' }) })
    writeFileSync(
      join(dir, 'deploy-verify.config.json'),
      JSON.stringify({ ...onlyChecks('health'), supabase: false, migrations: false }),
    )
    let stderr = ''
    try {
      const code = await run({
        argv: [site.url],
        cwd: dir,
        env: { SHIPWATCH_HISTORY_URL: cluster.url },
        stdout: { write: () => true },
        stderr: { write: (c: string) => (stderr += c) },
      })
      expect(code).toBe(0)
    } finally {
      await site.close()
    }
    expect(stderr).toBe('')
    const history = await PostgresHistory.open(cluster.url)
    const rows = (await history.select({ kind: 'deploy' })) as { url: string; status: string }[]
    await history.close()
    expect(rows).toMatchObject([{ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/), status: 'pass' }])
  })

  it('--history-url names the database instead; a value that is no postgres URL is a usage error, not echoed', async () => {
    const site = await startServer({ '/api/health': json({ status: 'ok' }) })
    const cli = async (argv: string[]) => {
      let stderr = ''
      const code = await run({
        argv,
        cwd: dir,
        env: {},
        stdout: { write: () => true },
        stderr: { write: (c: string) => (stderr += c) },
      })
      return { code, stderr }
    }
    try {
      expect(await cli([site.url, '--history-url', cluster.url])).toEqual({ code: 0, stderr: '' })
      const bad = await cli([site.url, '--history-url', 'mysql://ci:pa55w0rd@db/x'])
      expect(bad).toEqual({
        code: 2,
        stderr: 'deploy-verify: --history-url must be a postgres:// URL (or set SHIPWATCH_HISTORY_URL)\n',
      })
    } finally {
      await site.close()
    }
    const history = await PostgresHistory.open(cluster.url)
    expect(await history.select({ kind: 'deploy' })).toHaveLength(2)
    await history.close()
  })
})
