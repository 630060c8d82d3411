// Checks every publishable package the way npm users will meet it: publint, then
// @arethetypeswrong/cli (ESM-only profile) on the packed tarball. Run after `pnpm build`.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../packages/', import.meta.url).pathname
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname
let failed = false

for (const dir of readdirSync(root).sort()) {
  const pkgDir = join(root, dir)
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  if (pkg.private) continue
  const packDir = mkdtempSync(join(tmpdir(), 'shipwatch-pack-'))
  try {
    execFileSync('pnpm', ['pack', '--pack-destination', packDir], { cwd: pkgDir, stdio: 'pipe' })
    const tarball = join(
      packDir,
      readdirSync(packDir).find((f) => f.endsWith('.tgz')),
    )
    for (const [tool, args] of [
      ['publint', [tarball, '--strict']],
      ['attw', [tarball, '--profile', 'esm-only', '--format', 'ascii']],
    ]) {
      try {
        execFileSync(bin(tool), args, { cwd: pkgDir, stdio: 'pipe', encoding: 'utf8' })
        console.log(`✓ ${pkg.name}: ${tool}`)
      } catch (error) {
        failed = true
        console.error(`✗ ${pkg.name}: ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}`)
      }
    }
  } finally {
    rmSync(packDir, { recursive: true, force: true })
  }
}
process.exitCode = failed ? 1 : 0
