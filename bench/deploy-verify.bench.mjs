// deploy-verify against a local deployment of the example app (served from dist/ on 127.0.0.1 with a health
// endpoint): time per check and the total. Concurrency works when the total is close to the slowest check.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { verifyDeployment } from '@shipwatch/deploy-verify'
import { DEMO_SUPABASE_KEY, startLocalDeployment } from '../scripts/demo/local-deployment.mjs'
import { median, ms, printTable } from './lib/measure.mjs'

const dist = fileURLToPath(new URL('../examples/vite-app/dist/', import.meta.url))

export default async function deployVerifyBench() {
  if (!existsSync(join(dist, 'build-info.json')))
    throw new Error('build examples/vite-app first (pnpm build does)')
  const deployment = await startLocalDeployment(dist)
  const url = deployment.url
  const commit = JSON.parse(readFileSync(join(dist, 'build-info.json'), 'utf8')).commitSha
  const cwd = mkdtempSync(join(tmpdir(), 'shipwatch-bench-deploy-'))
  const config = {
    url,
    commit,
    retries: 0,
    pages: ['/', '/about.html'],
    health: { expect: { status: 'ok' } },
    smoke: { pages: ['/', '/about.html'] },
    supabase: { url, table: 'releases' },
    functions: [{ name: 'hello', body: { name: 'ci' }, expect: { message: 'Hello ci!' } }],
  }
  const options = { cwd, env: { SUPABASE_ANON_KEY: DEMO_SUPABASE_KEY } }
  await verifyDeployment(config, options) // warm: loads html-validate and playwright once
  const runs = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    const record = await verifyDeployment(config, options)
    runs.push({ total: performance.now() - start, checks: record.checks, status: record.status })
  }
  deployment.close()
  rmSync(cwd, { recursive: true, force: true })
  const ids = runs[0].checks.map((c) => c.id)
  const byId = (run, id) => run.checks.find((c) => c.id === id)
  const rows = [['check', 'status', 'median']]
  for (const id of ids)
    rows.push([
      byId(runs[0], id).title,
      byId(runs.at(-1), id).status,
      ms(median(runs.map((r) => byId(r, id).durationMs))),
    ])
  const slowest = Math.max(...ids.map((id) => median(runs.map((r) => byId(r, id).durationMs))))
  const total = median(runs.map((r) => r.total))
  rows.push(['total (wall)', runs.at(-1).status, ms(total)])
  printTable(
    'deploy-verify, every check incl. a real Chromium, against the local example deployment (median of 5)',
    rows,
    `Slowest check ${ms(slowest)}; total ${ms(total)} (${(total / slowest).toFixed(2)}× the slowest — checks run concurrently). Bars: HTTP checks well under 2 s; all checks, browser included, under 5 s.`,
  )
}
