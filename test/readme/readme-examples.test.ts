import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// The READMEs' config examples, copied as written into a fresh Vite app (index.html, src/main.ts, public/, as
// `create-vite` makes one) with the packages installed as a user installs them, then built with the vite CLI.
// The packages are linked by their built `dist`, which `pnpm test` builds first.
const root = fileURLToPath(new URL('../..', import.meta.url))
const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** Every ```ts block of a README whose first line names the file it is, e.g. `// vite.config.ts`. */
function examples(readme: string, file: string): string[] {
  const text = readFileSync(join(root, readme), 'utf8')
  return [...text.matchAll(/```ts\n(\/\/ ([\w.-]+)\n[\s\S]*?)```/g)]
    .filter((m) => m[2] === file)
    .map((m) => m[1]!)
}

function freshApp(): string {
  const app = mkdtempSync(join(tmpdir(), 'shipwatch-readme-'))
  made.push(app)
  cpSync(join(root, 'test-support/fixtures/two-pages'), app, { recursive: true })
  rmSync(join(app, 'about.html'))
  writeFileSync(join(app, 'src/generated.ts'), 'export const modules = () => 0\n')
  mkdirSync(join(app, 'node_modules/@shipwatch'), { recursive: true })
  for (const name of ['core', 'bundle-budget', 'vite-build-metrics'])
    symlinkSync(join(root, 'packages', name), join(app, 'node_modules/@shipwatch', name))
  symlinkSync(join(root, 'node_modules/vite'), join(app, 'node_modules/vite'))
  return app
}

function runIn(app: string, file: string, args: string[]) {
  return new Promise<{ code: number; output: string }>((resolve) =>
    execFile(
      process.execPath,
      [file, ...args],
      { cwd: app, env: { ...process.env, CI: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    ),
  )
}

describe.each([
  ['packages/bundle-budget/README.md', /\[bundle-budget\] budgets: \d+ passed, 0 warnings, 0 failed/],
  ['packages/vite-build-metrics/README.md', /\[build-metrics\] ✓ good/],
])('%s', (readme, printed) => {
  const configs = examples(readme, 'vite.config.ts')

  it('has a vite.config.ts example', () => {
    expect(configs.length).toBeGreaterThan(0)
  })

  it.each(configs.map((config, i) => [i, config]))(
    'example %i builds a fresh app as written',
    async (_i, config) => {
      const app = freshApp()
      writeFileSync(join(app, 'vite.config.ts'), config)
      const { code, output } = await runIn(app, join(app, 'node_modules/vite/bin/vite.js'), ['build'])
      expect(output).toMatch(printed)
      expect(code).toBe(0)
      expect(existsSync(join(app, 'dist/index.html'))).toBe(true)
    },
    60_000,
  )
})

describe('packages/bundle-budget/README.md', () => {
  it.each(examples('packages/bundle-budget/README.md', 'bundle-budget.config.ts').map((c, i) => [i, c]))(
    'bundle-budget.config.ts example %i checks a built app as written',
    async (_i, config) => {
      const app = freshApp()
      expect((await runIn(app, join(app, 'node_modules/vite/bin/vite.js'), ['build'])).code).toBe(0)
      writeFileSync(join(app, 'bundle-budget.config.ts'), config)
      const cli = join(app, 'node_modules/@shipwatch/bundle-budget/dist/cli/bin.js')
      const { code, output } = await runIn(app, cli, ['check', 'dist'])
      expect(output).toMatch(/budgets: 1 passed, 0 warnings, 0 failed/)
      expect(code).toBe(0)
    },
    60_000,
  )
})
