import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleBuildRecord } from '../../test-support/records.js'

// The three bins as a user runs them: real processes (through tsx, so src is what runs), real pipes.
const root = fileURLToPath(new URL('../..', import.meta.url))
const tsconfig = join(root, 'tsconfig.test.json')
// By path: the bins run in folders of their own, where a bare `--import tsx` would not resolve.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href
const CLIS = {
  'build-metrics': 'packages/vite-build-metrics',
  'bundle-budget': 'packages/bundle-budget',
  'deploy-verify': 'packages/deploy-verify',
} as const
type Cli = keyof typeof CLIS

const dir = mkdtempSync(join(tmpdir(), 'shipwatch-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function bin(cli: Cli): string {
  return join(root, CLIS[cli], 'src/cli/bin.ts')
}

function runBin(cli: Cli, args: string[], cwd = dir) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, bin(cli), ...args],
      { cwd, env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, CI: '', GITHUB_ACTIONS: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}

describe.each(Object.keys(CLIS) as Cli[])('%s', (cli) => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(root, CLIS[cli], 'package.json'), 'utf8'))
    expect(await runBin(cli, ['--version'])).toEqual({ code: 0, stdout: `${cli} ${version}\n`, stderr: '' })
  })

  it('an unknown flag is a usage error in our words, naming the closest flag', async () => {
    const { code, stdout, stderr } = await runBin(cli, ['--histroy-dir', 'x'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe(`${cli}: unknown option --histroy-dir (did you mean --history-dir?); see --help\n`)
  })

  it('a flag without its value says which value is missing', async () => {
    const { code, stderr } = await runBin(cli, ['--history-dir'])
    expect(code).toBe(2)
    expect(stderr).toBe(`${cli}: --history-dir needs a value: --history-dir <value>\n`)
  })
})

describe('build-metrics', () => {
  it('ends quietly when the reader goes away (| head -1)', async () => {
    const project = join(dir, 'piped')
    mkdirSync(join(project, 'test-artifacts/build-metrics'), { recursive: true })
    // A record far bigger than a pipe's buffer, so writes go on after head has exited.
    const outputs = Array.from({ length: 3000 }, (_, i) => ({
      ...sampleBuildRecord().outputs[0]!,
      fileName: `assets/chunk-${i}.js`,
    }))
    writeFileSync(
      join(project, 'test-artifacts/build-metrics/history.jsonl'),
      `${JSON.stringify(sampleBuildRecord({ outputs }))}\n`,
    )
    const script = `set -o pipefail; node --import ${tsx} ${JSON.stringify(bin('build-metrics'))} show --json 2>${JSON.stringify(join(project, 'stderr.txt'))} | head -1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`
    const result = await new Promise<string>((resolve) =>
      execFile(
        'bash',
        ['-c', script],
        { cwd: project, env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig } },
        (_e, out) => resolve(out),
      ),
    )
    expect(result.trim()).toBe('exit 0')
    expect(readFileSync(join(project, 'stderr.txt'), 'utf8')).toBe('')
  })

  it('report on a history folder that does not exist is a usage error, and creates nothing', async () => {
    const missing = join(dir, 'no-such-history')
    const { code, stderr } = await runBin('build-metrics', ['report', '--history-dir', missing])
    expect(code).toBe(2)
    expect(stderr).toBe(
      `build-metrics: no history at ${missing}: build with the plugin (or build-metrics track) first, or pass --history-dir\n`,
    )
    expect(existsSync(missing)).toBe(false)
  })

  it('show on a history that cannot be read (a folder in its place) is one line and exit 2, no stack', async () => {
    const project = join(dir, 'eisdir')
    mkdirSync(join(project, 'test-artifacts/build-metrics/history.jsonl'), { recursive: true })
    const { code, stderr } = await runBin('build-metrics', ['show'], project)
    expect(code).toBe(2)
    expect(stderr).toBe(
      `build-metrics: cannot read ${join(project, 'test-artifacts/build-metrics/history.jsonl')}: EISDIR: illegal operation on a directory, read\n`,
    )
  })

  it('report into a folder that cannot be written is one line and exit 2, no stack', async () => {
    const project = join(dir, 'blocked-out')
    mkdirSync(join(project, 'test-artifacts/build-metrics'), { recursive: true })
    writeFileSync(
      join(project, 'test-artifacts/build-metrics/history.jsonl'),
      `${JSON.stringify(sampleBuildRecord())}\n`,
    )
    // A file where the output folder should be: fails for root too.
    writeFileSync(join(project, 'blocked'), '')
    const { code, stderr } = await runBin('build-metrics', ['report', '--out', 'blocked/reports'], project)
    expect(code).toBe(2)
    expect(stderr).toMatch(/^build-metrics: (EEXIST|ENOTDIR)[^\n]*\n$/)
  })
})

describe('documented exit codes', () => {
  it.each(Object.keys(CLIS) as Cli[])('%s: the README says what --help says', async (cli) => {
    const help = (await runBin(cli, ['--help'])).stdout
    const line = /^Exit codes: .*$/m.exec(help)?.[0]
    expect(line).toBeDefined()
    const readme = readFileSync(join(root, CLIS[cli], 'README.md'), 'utf8').replace(/\s*\n\s*/g, ' ')
    expect(readme).toContain(line!)
  })
})
