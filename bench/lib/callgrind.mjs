// Instruction counts of one build under Valgrind's callgrind: every thread of the build process (main, libuv's pool,
// GC helpers, Rolldown's workers) plus its child processes (git). Two counts of one build agree within ≈ 0.2 %,
// where wall times of identical builds on this VM differ by ±10 %.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const child = fileURLToPath(new URL('./vite-build-child.mjs', import.meta.url))

export function hasValgrind() {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Resolves to the instructions of one `vite-build-child` build of `root` as `variant`, all processes summed. */
export function countInstructions(root, variant, env = process.env) {
  const out = mkdtempSync(join(tmpdir(), `shipwatch-cpu-${variant}-`))
  const args = [
    '--tool=callgrind',
    '--trace-children=yes',
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(out, 'callgrind.%p')}`,
    process.execPath,
    // V8's memory reducer starts 8 s into a process: a real build (≈ 2 s) never meets it, one under valgrind
    // (≈ 100 s) does, at moments that differ between runs. Without it the counts are those of real builds.
    '--no-memory-reducer',
    child,
    'vite',
    root,
    variant,
  ]
  return new Promise((resolve, reject) => {
    const run = spawn('valgrind', args, { cwd: root, stdio: 'ignore', env })
    run.on('error', reject)
    run.on('close', (code) => {
      let total = 0
      for (const file of readdirSync(out)) {
        const summary = /^summary: (\d+)/m.exec(readFileSync(join(out, file), 'utf8'))
        total += summary ? Number(summary[1]) : 0
      }
      rmSync(out, { recursive: true, force: true })
      if (code !== 0) return reject(new Error(`valgrind ${variant} exited with ${code}`))
      resolve(total)
    })
  })
}
