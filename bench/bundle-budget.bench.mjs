// `bundle-budget check` versus size-limit (@size-limit/file) on the same generated output folder (≈500 files,
// ≈50 MB of real JavaScript from node_modules), both computing gzip -9 and brotli q11: cold, and an unchanged re-check.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, ms, printTable, ratio } from './lib/measure.mjs'

const RUNS = Number(process.env.BENCH_RUNS_BUDGET ?? 2)
const root = fileURLToPath(new URL('./.generated/budget/', import.meta.url))
const repo = fileURLToPath(new URL('../', import.meta.url))

function collectJs(dir, out, limit) {
  for (const name of readdirSync(dir).sort()) {
    if (out.length >= limit) return
    const path = join(dir, name)
    const stat = statSync(path)
    if (stat.isDirectory()) collectJs(path, out, limit)
    else if (name.endsWith('.js') && stat.size > 30_000 && stat.size < 400_000) out.push(path)
  }
}

function generateFolder() {
  rmSync(root, { recursive: true, force: true })
  mkdirSync(join(root, 'dist/assets'), { recursive: true })
  const sources = []
  collectJs(join(repo, 'node_modules/.pnpm'), sources, 400)
  let total = 0
  for (let i = 0; i < 500; i++) {
    // Unique content per file (no duplicate to dedupe), ≈100 kB each.
    const source = Buffer.concat([
      readFileSync(sources[i % sources.length]),
      readFileSync(sources[(i + 1) % sources.length]),
    ])
    const content = Buffer.concat([Buffer.from(`/* chunk ${i} */\n`), source.subarray(0, 100_000)])
    writeFileSync(join(root, `dist/assets/chunk-${i}.js`), content)
    total += content.length
  }
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'budget-bench', private: true }))
  writeFileSync(
    join(root, 'bundle-budget.config.json'),
    JSON.stringify({
      budgets: [
        { target: 'js', compression: 'gzip', maxError: '1 GB' },
        { target: 'js', compression: 'brotli', maxError: '1 GB' },
      ],
    }),
  )
  writeFileSync(
    join(root, '.size-limit.json'),
    JSON.stringify([
      { name: 'js gzip', path: 'dist/assets/*.js', gzip: true },
      { name: 'js brotli', path: 'dist/assets/*.js', brotli: true },
    ]),
  )
  return total
}

const cpuReport = fileURLToPath(new URL('./lib/cpu-report.mjs', import.meta.url))
const cpuFile = join(root, 'cpu.json')

/** Wall time and CPU time (all threads) of one run of a Node CLI. */
function timed(script, args) {
  const start = performance.now()
  const out = execFileSync(process.execPath, ['--import', cpuReport, script, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_CPU_FILE: cpuFile },
  })
  const ms = performance.now() - start
  return { ms, cpuMs: JSON.parse(readFileSync(cpuFile, 'utf8')).cpuMs, out }
}

const ours = () => timed(join(repo, 'packages/bundle-budget/dist/cli/bin.js'), ['check', 'dist', '--json'])
const theirs = () => timed(join(repo, 'node_modules/size-limit/bin.js'), ['--json'])
const clearCache = () => rmSync(join(root, 'node_modules'), { recursive: true, force: true })

export default async function bundleBudgetBench() {
  const bytes = generateFolder()
  const cold = { ours: [], theirs: [] }
  const cpu = { ours: [], theirs: [] }
  let results
  for (let i = 0; i < RUNS; i++) {
    clearCache()
    const a = ours()
    const b = theirs()
    cold.ours.push(a.ms)
    cold.theirs.push(b.ms)
    cpu.ours.push(a.cpuMs)
    cpu.theirs.push(b.cpuMs)
    results = JSON.parse(a.out).outcomes
  }
  const warm = { ours: [], theirs: [] }
  for (let i = 0; i < RUNS; i++) {
    warm.ours.push(ours().ms)
    const b = theirs()
    warm.theirs.push(b.ms)
    results.sizeLimit = JSON.parse(b.out)
  }
  const [gz, br] = results
  const [slGz, slBr] = results.sizeLimit
  const c = { ours: median(cold.ours), theirs: median(cold.theirs) }
  const w = { ours: median(warm.ours), theirs: median(warm.theirs) }
  const busy = (who) =>
    `${(median(cpu[who]) / 1000).toFixed(1)} s CPU, ${(median(cpu[who]) / c[who]).toFixed(2)} cores busy`
  printTable(
    `bundle-budget check vs size-limit: 500 files, ${(bytes / 1e6).toFixed(1)} MB of JS, gzip -9 + brotli q11 (median of ${RUNS})`,
    [
      ['run', 'bundle-budget check', 'size-limit + @size-limit/file', 'speed-up', 'bar'],
      ['cold (no cache)', ms(c.ours), ms(c.theirs), ratio(c.theirs, c.ours), '≥ 2×'],
      ['unchanged re-check', ms(w.ours), ms(w.theirs), ratio(w.theirs, w.ours), '≥ 20×'],
      ['cold: CPU time', busy('ours'), busy('theirs'), ratio(median(cpu.theirs), median(cpu.ours)), '—'],
    ],
    `Totals agree: gzip ${gz.actual} vs ${slGz.size} bytes, brotli ${br.actual} vs ${slBr.size} bytes (ours / size-limit).`,
  )
}
