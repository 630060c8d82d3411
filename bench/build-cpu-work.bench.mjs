// CPU work @shipwatch/vite-build-metrics adds to a Vite 8 build, counted in instructions by Valgrind's callgrind:
// every thread of the build process (main, libuv's pool, GC helpers, Rolldown's workers) plus its git processes.
// Unlike wall time on a shared VM (identical builds differ by ±15 %), two counts of one build agree within ≈ 1 %.
// Skipped when valgrind is not installed; ≈ 2 minutes per pair of builds (valgrind runs them ≈ 50× slower).
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateApp } from './lib/generate-app.mjs'
import { median, printTable } from './lib/measure.mjs'

const RUNS = Number(process.env.BENCH_RUNS_CPU ?? 2)
const child = fileURLToPath(new URL('./lib/vite-build-child.mjs', import.meta.url))

function hasValgrind() {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** One build under callgrind; resolves to the instructions of the build process and its children, summed. */
function countInstructions(root, variant) {
  const out = mkdtempSync(join(tmpdir(), `shipwatch-cpu-${variant}-`))
  const args = [
    '--tool=callgrind',
    '--trace-children=yes',
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(out, 'callgrind.%p')}`,
    process.execPath,
    // V8's memory reducer starts 8 s into a process: a real build of this app (≈ 2 s) never meets it, one under
    // valgrind (≈ 100 s) does, at moments that differ between runs. Without it the counts are those of real builds.
    '--no-memory-reducer',
    child,
    'vite',
    root,
    variant,
  ]
  return new Promise((resolve, reject) => {
    const run = spawn('valgrind', args, { cwd: root, stdio: 'ignore' })
    run.on('error', reject)
    run.on('close', (code) => {
      if (code !== 0) return reject(new Error(`valgrind ${variant} exited with ${code}`))
      let total = 0
      for (const file of readdirSync(out)) {
        const summary = /^summary: (\d+)/m.exec(readFileSync(join(out, file), 'utf8'))
        total += summary ? Number(summary[1]) : 0
      }
      rmSync(out, { recursive: true, force: true })
      resolve(total)
    })
  })
}

export default async function buildCpuWorkBench() {
  if (!hasValgrind()) {
    console.log('\n### CPU work of build-metrics: skipped (valgrind is not installed)')
    return
  }
  const root = fileURLToPath(new URL('./.generated/app', import.meta.url))
  const modules = generateApp(root)
  const counts = { none: [], metrics: [] }
  // With and without the plugin side by side, one per core.
  for (let i = 0; i < RUNS; i++) {
    const [none, metrics] = await Promise.all([
      countInstructions(root, 'none'),
      countInstructions(root, 'metrics'),
    ])
    counts.none.push(none)
    counts.metrics.push(metrics)
  }
  const billions = (n) => `${(n / 1e9).toFixed(2)} G`
  const none = median(counts.none)
  const metrics = median(counts.metrics)
  const spread = (values) => (Math.max(...values) - Math.min(...values)) / median(values)
  printTable(
    `CPU work of build-metrics (raw + gzip -9) on Vite 8: ${modules} modules, instructions counted by callgrind (median of ${RUNS})`,
    [
      ['variant', 'instructions', 'spread between runs', 'added'],
      ['no plugin', billions(none), `${(spread(counts.none) * 100).toFixed(2)} %`, '—'],
      [
        'build-metrics',
        billions(metrics),
        `${(spread(counts.metrics) * 100).toFixed(2)} %`,
        `${billions(metrics - none)} (+${(((metrics - none) / none) * 100).toFixed(1)} %)`,
      ],
    ],
    'All threads and child processes count, so this is an upper bound on wall-time overhead: work on idle cores\n' +
      '(compression threads, git) hides behind the build. Valgrind cannot use SHA extensions, which overstates hashing.',
  )
}
