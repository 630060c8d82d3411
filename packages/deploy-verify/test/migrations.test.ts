import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster } from '../../../test-support/postgres-cluster.js'
import { onlyChecks } from './only-checks.js'

let cluster: Awaited<ReturnType<typeof startCluster>>
const project = mkdtempSync(join(tmpdir(), 'shipwatch-migrations-'))

beforeAll(async () => {
  cluster = await startCluster()
  mkdirSync(join(project, 'supabase/migrations'), { recursive: true })
  for (const file of ['20261101090000_create_notes.sql', '20261110120000_add_tags.sql']) {
    writeFileSync(join(project, 'supabase/migrations', file), '-- migration\n')
  }
}, 60_000)
afterAll(() => {
  cluster?.stop()
  rmSync(project, { recursive: true, force: true })
})

async function applied(versions: [string, string][]) {
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} })
  await sql`create schema if not exists supabase_migrations`
  await sql`create table if not exists supabase_migrations.schema_migrations (version text primary key, name text, statements text[])`
  await sql`truncate supabase_migrations.schema_migrations`
  for (const [version, name] of versions)
    await sql`insert into supabase_migrations.schema_migrations (version, name) values (${version}, ${name})`
  await sql.end()
}

async function check() {
  const record = await verifyDeployment(
    {
      url: 'http://127.0.0.1:1',
      ...onlyChecks(),
      retries: 0,
    },
    { cwd: project, env: { SUPABASE_DB_URL: cluster.url } },
  )
  return { check: record.checks.find((c) => c.id === 'migrations')!, record }
}

describe('migrations (real PostgreSQL)', () => {
  it('passes when every local migration is applied', async () => {
    await applied([
      ['20261101090000', 'create_notes'],
      ['20261110120000', 'add_tags'],
    ])
    const { check: result } = await check()
    expect(result).toMatchObject({ status: 'pass', message: 'all 2 migration(s) applied' })
  })

  it('lists pending migrations by name', async () => {
    await applied([['20261101090000', 'create_notes']])
    const { check: result } = await check()
    expect(result.status).toBe('fail')
    expect(result.message).toBe('1 pending migration(s): 20261110120000_add_tags')
  })

  it('lists applied migrations the repository does not have', async () => {
    await applied([
      ['20261101090000', 'create_notes'],
      ['20261110120000', 'add_tags'],
      ['20261115080000', 'hotfix_from_dashboard'],
    ])
    const { check: result } = await check()
    expect(result.status).toBe('warn')
    expect(result.details).toEqual([
      'applied but not in the repository: 20261115080000_hotfix_from_dashboard',
    ])
  })

  it('never prints the database URL', async () => {
    const { record } = await check()
    expect(JSON.stringify(record)).not.toContain(cluster.url)
  })
})
