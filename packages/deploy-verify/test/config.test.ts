import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { onlyChecks } from './only-checks.js'
import { json, startServer } from './server.js'

const dir = mkdtempSync(join(tmpdir(), 'shipwatch-deploy-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The CLI in-process, in a folder whose config file is `config`; every request to a deployment would be visible. */
async function cli(config: unknown, argv: string[], env: NodeJS.ProcessEnv = {}) {
  writeFileSync(join(dir, 'deploy-verify.config.json'), JSON.stringify(config))
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv,
    cwd: dir,
    env,
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
  })
  return { code, stdout, stderr }
}

// Each row: a user's mistake, and the one line that says which field and what it accepts. The URL would be
// unreachable: an error found by the schema never gets that far.
const MISTAKES: [string, unknown, string][] = [
  [
    'a grade that does not exist',
    { security: { minGrade: 'Z' } },
    'security.minGrade must be one of "F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+", got "Z"',
  ],
  [
    'a budget size with a typo',
    { bundle: { budgets: [{ target: 'initial', maxError: '50 kbb' }] } },
    'bundle.budgets[0].maxError invalid size "50 kbb": use a number of bytes or a number with B, kB (1000), MB, GB, KiB (1024), MiB or GiB',
  ],
  [
    'a path where a list belongs',
    { health: { paths: '/api/health' } },
    'health.paths must be an array, got "/api/health"',
  ],
  [
    'a misspelt check',
    { helth: {} },
    'unknown option helth (did you mean health?); known: url, commit, health, identity, security, pages, bundle, html, smoke, supabase, functions, migrations, compare, timeoutMs, retries, deadlineMs, bypassSecretEnv, historyDir',
  ],
  [
    'a misspelt option of a check',
    { health: { pahts: ['/healthz'] } },
    'unknown option health.pahts (did you mean health.paths?); known: paths, expect, ttfbMs',
  ],
  [
    'a misspelt field of an edge function',
    { functions: [{ nme: 'hello' }] },
    'unknown option functions[0].nme (did you mean functions[0].name?); known: name, method, body, headers, expectStatus, expect',
  ],
  [
    'a page that is not a path',
    { pages: ['about.html'] },
    'pages[0] must be a path on the deployment, starting with /, got "about.html"',
  ],
  ['a negative timeout', { timeoutMs: -5 }, 'timeoutMs must be at least 0, got -5'],
  [
    'a comparison of one run',
    { compare: { url: 'https://prod.example', runs: 1 } },
    'compare.runs must be at least 3, got 1',
  ],
  ['a check that is neither on, off nor options', { smoke: 'yes' }, 'smoke must be a boolean, got "yes"'],
]

describe('configuration mistakes: the field, what it accepts, exit 2, nothing requested', () => {
  it.each(MISTAKES)('%s', async (_name, config, message) => {
    const { code, stdout, stderr } = await cli(config, ['http://127.0.0.1:9', '--no-record'])
    expect(stderr).toBe(`deploy-verify: ${message}\n`)
    expect(code).toBe(2)
    expect(stdout).toBe('')
  })

  it('a flag that does not exist names the closest one', async () => {
    const { code, stderr } = await cli({}, ['http://127.0.0.1:9', '--retires', '1'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^deploy-verify: unknown option --retires \(did you mean --retries\?\)/)
  })

  it('the installed bin prints one line and no stack trace', async () => {
    writeFileSync(join(dir, 'deploy-verify.config.json'), JSON.stringify({ security: { minGrade: 'Z' } }))
    const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url))
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [bin, 'http://127.0.0.1:9'],
        { cwd: dir },
        (_error, _out, err) => resolve({ code: child.exitCode, stderr: err }),
      )
    })
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).not.toMatch(/\n\s+at /)
  })
})

describe('the URL', () => {
  it('comes from DEPLOY_URL when neither the argument nor the config gives one', async () => {
    const server = await startServer({ '/api/health': json({ status: 'ok' }) })
    try {
      const { code, stdout } = await cli(
        { ...onlyChecks('health'), migrations: false, supabase: false },
        ['--no-record'],
        {
          DEPLOY_URL: server.url,
        },
      )
      expect(stdout).toMatch(/✓ Health +\/api\/health healthy/)
      expect(stdout).toMatch(new RegExp(`deployment verified: ${server.url}\\n$`))
      expect(code).toBe(0)
    } finally {
      await server.close()
    }
  })

  it('is required, and the message says the three places it can come from', async () => {
    const { code, stderr } = await cli({}, ['--no-record'])
    expect(code).toBe(2)
    expect(stderr).toBe(
      'deploy-verify: url is required: deploy-verify https://your-deployment.example (or DEPLOY_URL, or url in deploy-verify.config.ts)\n',
    )
  })
})
