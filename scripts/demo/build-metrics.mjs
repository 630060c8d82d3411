// Builds examples/vite-app a few times with a small change in between, so the history has a trend.
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export default async function buildMetricsDemo({ root, step }) {
  const app = join(root, 'examples/vite-app')
  const history = join(app, 'test-artifacts/build-metrics')
  const shared = join(app, 'src/shared.ts')
  const original = readFileSync(shared, 'utf8')
  rmSync(history, { recursive: true, force: true })
  const vite = (args) => execFileSync('pnpm', ['exec', ...args], { cwd: app, stdio: 'inherit' })
  try {
    step('Build 1, timed from outside with build-metrics track (works for any build command)')
    vite(['build-metrics', 'track', '--out', 'dist', '--', 'vite', 'build', '--logLevel', 'silent'])
    step(
      'Build 2 (vite build with @shipwatch/vite-build-metrics and @shipwatch/bundle-budget in vite.config.ts)',
    )
    vite(['vite', 'build'])
    step('Build 3, after adding a release note (the summary compares with build 2)')
    writeFileSync(
      shared,
      original.replace(
        "{ version: '1.2.0'",
        "{ version: '1.3.0', date: '2026-11-22', notes: 'Trend reports' },\n  { version: '1.2.0'",
      ),
    )
    vite(['vite', 'build'])
    step(
      'Build 4: an over-budget change (a 30 kB table in the lazy settings route) — the budget fails the build',
    )
    const settings = join(app, 'src/routes/settings.ts')
    const settingsSource = readFileSync(settings, 'utf8')
    const table = Array.from({ length: 3000 }, (_, i) => ((i * 2654435761) % 4294967296).toString(36))
    writeFileSync(
      settings,
      `${settingsSource}\nObject.assign(globalThis, { settingsTable: ${JSON.stringify(table)} })\n`,
    )
    try {
      // Its own output folder: a failed build empties its outDir, and dist/ is deployed next.
      execFileSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'error', '--outDir', 'dist-over-budget'], {
        cwd: app,
        stdio: 'inherit',
      })
      throw new Error('the over-budget build should have failed')
    } catch (error) {
      if (error.message.includes('should have failed')) throw error
      console.log('  ✓ vite build failed as it should (exit code %d)', error.status)
    } finally {
      writeFileSync(settings, settingsSource)
      rmSync(join(app, 'dist-over-budget'), { recursive: true, force: true })
    }
  } finally {
    writeFileSync(shared, original)
  }
  step('The latest record of the plugin (build-metrics show)')
  const records = readFileSync(join(history, 'history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  // Build 1 left two records: the plugin's (inside vite) and the tracker's (around it).
  console.log(`  ${records.length} records in ${join(history, 'history.jsonl')}`)
  const latest = records.filter((r) => r.tool.name && r.plugins.length > 0).at(-1)
  for (const page of latest.pages) {
    console.log(
      `  page ${page.html}: initial load ${page.initial.files.length} files, ${page.initial.size} B raw, ${page.initial.gzip} B gzip -9`,
    )
  }
  console.log(`  build-info.json: ${join(app, 'dist/build-info.json')}`)

  step('Trend reports from the history (build-metrics report)')
  execFileSync('pnpm', ['exec', 'build-metrics', 'report'], { cwd: app, stdio: 'inherit' })
  console.log(
    '  (expected: build 3 added a release note, so JS grew by about 2 %, over the default +1 % allowance;\n' +
      '   in CI, build-metrics report --fail-on-regression would fail the job here)',
  )
}
