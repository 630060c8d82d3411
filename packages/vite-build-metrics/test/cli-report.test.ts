import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HistoryStore } from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'
import { fixedHistory } from '../../../test-support/history.js'
import { run } from '../src/cli/run.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function project(records = fixedHistory()) {
  const dir = mkdtempSync(join(tmpdir(), 'shipwatch-cli-report-'))
  dirs.push(dir)
  const store = new HistoryStore({ root: dir })
  for (const record of records) await store.append(record)
  return dir
}

async function cli(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv,
    cwd,
    env: { NO_COLOR: '1', ...env },
    stdout: { write: (c: string | Uint8Array) => (stdout += c.toString()) },
    stderr: { write: (c: string | Uint8Array) => (stderr += c.toString()) },
  })
  return { code, stdout, stderr }
}

describe('build-metrics report', () => {
  it('writes the three reports and prints the regressions; exits 0 without the gate', async () => {
    const cwd = await project()
    const { code, stdout } = await cli(cwd, ['report'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/✗ 7 regression\(s\)/)
    expect(stdout).toMatch(/baseline main@7777777 \(merge-base, 8 runs\)/)
    for (const file of ['report.html', 'report.md', 'report.json']) {
      expect(existsSync(join(cwd, 'test-artifacts/build-metrics', file)), file).toBe(true)
    }
  })

  it('--fail-on-regression exits 1 and writes JUnit', async () => {
    const cwd = await project()
    const { code } = await cli(cwd, ['report', '--fail-on-regression'])
    expect(code).toBe(1)
    expect(readFileSync(join(cwd, 'test-artifacts/build-metrics/junit.xml'), 'utf8')).toMatch(/failures="7"/)
  })

  it('passes the gate when nothing regressed', async () => {
    const cwd = await project(fixedHistory().slice(0, 8))
    const { code, stdout } = await cli(cwd, ['report', '--fail-on-regression', '--json'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).verdict).toBe('pass')
  })

  it('appends to $GITHUB_STEP_SUMMARY', async () => {
    const cwd = await project()
    const summary = join(cwd, 'summary.md')
    await cli(cwd, ['report'], { GITHUB_STEP_SUMMARY: summary })
    expect(readFileSync(summary, 'utf8')).toMatch(/^## 🔴 7 regressions/)
  })

  it('--base <ref> compares with the build of the merge-base', async () => {
    const cwd = await project()
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@x', ...args], {
        cwd,
        encoding: 'utf8',
      }).trim()
    git('init', '-q', '-b', 'main')
    git('commit', '-q', '--allow-empty', '-m', 'base')
    // No build record has this repository's sha: the report falls back and says why.
    const { stdout } = await cli(cwd, ['report', '--base', 'main', '--json'])
    expect(JSON.parse(stdout).baseline.reason).toBe('default branch')
    // A ref git cannot resolve is a usage error, not a silent fallback.
    const missing = await cli(cwd, ['report', '--base', 'nonexistent-ref'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--base nonexistent-ref: git cannot resolve it/)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
  })
})
