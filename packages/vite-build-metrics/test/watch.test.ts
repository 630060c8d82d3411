import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BuildRecord } from '@shipwatch/core'
import rollupMetrics from '@shipwatch/vite-build-metrics/rollup'
import { type RollupWatcher, watch } from 'rollup'
import { afterAll, describe, expect, it } from 'vitest'
import { copyFixture, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@x', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim()
}

function records(root: string): BuildRecord[] {
  return readFileSync(join(root, 'history/history.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BuildRecord)
}

/** A cold build and one rebuild after a commit, in Rollup's watch mode; returns the commits' shas. */
async function watchTwice(
  root: string,
  options: Parameters<typeof rollupMetrics>[0] = {},
): Promise<string[]> {
  git(root, 'init', '-q', '-b', 'main')
  git(root, 'add', 'src')
  git(root, 'commit', '-qm', 'first')
  const shas = [git(root, 'rev-parse', 'HEAD')]
  // Rollup has no root: the plugin reads git where the build runs.
  const cwd = process.cwd()
  process.chdir(root)
  try {
    const watcher: RollupWatcher = watch({
      input: join(root, 'src/index.js'),
      output: { dir: join(root, 'out'), format: 'es' },
      plugins: [rollupMetrics({ historyDir: join(root, 'history'), quiet: true, ...options })],
      watch: { buildDelay: 50 },
    })
    let builds = 0
    await new Promise<void>((resolve, reject) => {
      watcher.on('event', async (event) => {
        if (event.code === 'ERROR') reject(event.error)
        if (event.code === 'BUNDLE_END') await event.result.close()
        if (event.code !== 'END') return
        builds++
        if (builds === 1) {
          appendFileSync(join(root, 'src/math.js'), '\nexport const sub = (a, b) => a - b\n')
          git(root, 'commit', '-qam', 'second')
          shas.push(git(root, 'rev-parse', 'HEAD'))
        } else resolve()
      })
    })
    await watcher.close()
  } finally {
    process.chdir(cwd)
  }
  return shas
}

describe('watch mode', () => {
  it('records every rebuild, flagged, with git facts read afresh', async () => {
    const root = copyFixture('library', { modules: 0 })
    const shas = await watchTwice(root)
    const written = records(root)
    expect(written.map((r) => r.watchRebuild)).toEqual([false, true])
    expect(written.map((r) => r.git.sha)).toEqual(shas)
  }, 30_000)

  it('records cold builds only with recordRebuilds: false', async () => {
    const root = copyFixture('library', { modules: 0 })
    const [first] = await watchTwice(root, { recordRebuilds: false })
    expect(records(root).map((r) => [r.watchRebuild, r.git.sha])).toEqual([[false, first]])
  }, 30_000)
})
