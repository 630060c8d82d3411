import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { type BuildRecord, HistoryStore } from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'
import { run } from '../src/cli/run.js'

const dirs: string[] = []
afterAll(removeFixtures)
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'shipwatch-cli-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'cli-app' }))
  return dir
}

async function cli(cwd: string, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await run({
    argv,
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdout: { write: (c: string | Uint8Array) => (stdout += c.toString()) },
    stderr: { write: (c: string | Uint8Array) => (stderr += c.toString()) },
  })
  return { code, stdout, stderr }
}

// A build command that writes an output folder: node itself, no shell.
const script = `const fs=require('fs');fs.mkdirSync('out/assets',{recursive:true});fs.writeFileSync('out/assets/app.js','console.log('+JSON.stringify('x'.repeat(2000))+')');fs.writeFileSync('out/index.html','<!doctype html>');console.log('built!')`

describe('build-metrics track', () => {
  it('runs the command without a shell, streams its output, records time, exit code and sizes', async () => {
    const cwd = project()
    const { code, stdout, stderr } = await cli(
      cwd,
      'track',
      '--out',
      'out',
      '--',
      process.execPath,
      '-e',
      script,
    )
    expect(code).toBe(0)
    expect(stdout).toContain('built!')
    expect(stderr).toContain('[build-metrics]')
    const record = new HistoryStore({ root: cwd }).latest() as BuildRecord
    expect(record.exitCode).toBe(0)
    expect(record.project).toBe('cli-app')
    expect(record.durationMs).toBeGreaterThan(0)
    const app = record.outputs.find((o) => o.fileName === 'assets/app.js')!
    expect(app.kind).toBe('js')
    const content = `console.log(${JSON.stringify('x'.repeat(2000))})`
    expect(app.size).toBe(Buffer.byteLength(content))
    expect(app.gzip).toBe(gzipSync(content, { level: 9 }).length)
  })

  it('exits with the command’s own code and records it', async () => {
    const cwd = project()
    const { code, stderr } = await cli(cwd, 'track', '--', process.execPath, '-e', 'process.exit(3)')
    expect(code).toBe(3)
    expect(stderr).toMatch(/exited with code 3/)
    const record = new HistoryStore({ root: cwd }).latest() as BuildRecord
    expect(record.exitCode).toBe(3)
    expect(record.outcome).toEqual({
      result: 'failed',
      reasons: [{ kind: 'exit-code', message: `${process.execPath} exited with code 3` }],
    })
    expect(stderr).toMatch(/✗ failed/)
  })

  it('records a command killed by a signal as failed, and exits 128 + its number', async () => {
    const cwd = project()
    const { code } = await cli(
      cwd,
      'track',
      '--',
      process.execPath,
      '-e',
      'process.kill(process.pid, "SIGTERM")',
    )
    expect(code).toBe(128 + 15)
    expect((new HistoryStore({ root: cwd }).latest() as BuildRecord).outcome.reasons[0]?.kind).toBe('signal')
  })

  it('passes shell metacharacters as literal arguments', async () => {
    const cwd = project()
    const { stdout } = await cli(
      cwd,
      'track',
      '--',
      process.execPath,
      '-e',
      'console.log(process.argv[1])',
      '$(echo pwned); ls',
    )
    expect(stdout).toContain('$(echo pwned); ls')
  })

  it('prints the record as JSON with --json', async () => {
    const cwd = project()
    const { stdout } = await cli(
      cwd,
      'track',
      '--json',
      '--mode',
      'development',
      '--',
      process.execPath,
      '-e',
      '',
    )
    const record = JSON.parse(stdout) as BuildRecord
    expect(record.mode).toBe('development')
  })

  it('reports usage errors with exit code 2', async () => {
    const cwd = project()
    expect((await cli(cwd, 'track')).code).toBe(2)
    expect((await cli(cwd, 'track', '--mode', 'fast', '--', 'true')).stderr).toMatch(
      /--mode must be production or development/,
    )
    expect((await cli(cwd, 'frobnicate')).code).toBe(2)
    expect((await cli(cwd, 'track', '--bogus')).code).toBe(2)
    expect((await cli(cwd, 'track', '--out', 'missing', '--', process.execPath, '-e', '')).stderr).toMatch(
      /--out .* is not a readable folder/,
    )
    const help = await cli(cwd, '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Examples/)
  })

  it('completes the record a build plugin made inside the command, instead of writing a second one', async () => {
    const cwd = copyFixture('two-pages', { modules: 1 })
    // The command imports the built plugin and Vite by path, as a project's own build script would by name.
    const plugin = pathToFileURL(join(import.meta.dirname, '../dist/vite.js')).href
    const vite = pathToFileURL(createRequire(import.meta.url).resolve('vite')).href
    writeFileSync(
      join(cwd, 'build.mjs'),
      `const { build } = await import(${JSON.stringify(vite)})
const { default: buildMetrics } = await import(${JSON.stringify(plugin)})
await build({ root: process.cwd(), configFile: false, logLevel: 'silent', plugins: [buildMetrics({ quiet: true })] })
process.exit(4)
`,
    )
    const { code } = await cli(cwd, 'track', '--', process.execPath, 'build.mjs')
    expect(code).toBe(4)
    const records = new HistoryStore({ root: cwd }).list({ kind: 'build' }) as BuildRecord[]
    expect(records).toHaveLength(1)
    const [record] = records
    // The plugin's measurement (modules, per-plugin rows), with the command's exit code and wall time.
    expect(record!.tool.name).toBe('@shipwatch/vite-build-metrics')
    expect(record!.bundler.name).toBe('vite')
    expect(record!.modules.total).toBeGreaterThan(0)
    expect(record!.exitCode).toBe(4)
    expect(record!.commandMs).toBeGreaterThanOrEqual(record!.durationMs)
    expect(record!.outcome.reasons).toEqual([
      { kind: 'exit-code', message: `${process.execPath} exited with code 4` },
    ])
  }, 30_000)

  it('reports a command that cannot start', async () => {
    const cwd = project()
    const { code, stderr } = await cli(cwd, 'track', '--', 'definitely-not-a-command-xyz')
    expect(code).toBe(127)
    expect(stderr).toMatch(/could not start/)
    const record = new HistoryStore({ root: cwd }).latest() as BuildRecord
    expect(record.outcome.result).toBe('failed')
    expect(record.outcome.reasons[0]?.kind).toBe('not-started')
  })
})

describe('build-metrics show', () => {
  it('prints the latest build, or says there is none', async () => {
    const cwd = project()
    const none = await cli(cwd, 'show')
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/no build record/)
    mkdirSync(join(cwd, 'out'))
    await cli(cwd, 'track', '--out', 'out', '--', process.execPath, '-e', script)
    const shown = await cli(cwd, 'show')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/cli-app/)
    expect(shown.stdout).toMatch(/assets\/app\.js/)
    const json = await cli(cwd, 'show', '--json')
    expect(JSON.parse(json.stdout).kind).toBe('build')
  })
})
