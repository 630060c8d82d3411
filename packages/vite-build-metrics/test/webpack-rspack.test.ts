import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rspack, rspackVersion } from '@rspack/core'
import type { BuildRecord } from '@shipwatch/core'
import rspackMetrics from '@shipwatch/vite-build-metrics/rspack'
import webpackMetrics from '@shipwatch/vite-build-metrics/webpack'
import { afterAll, describe, expect, it } from 'vitest'
import webpack from 'webpack'
import { copyFixture, readJson, removeFixtures } from '../../../test-support/fixture.js'

afterAll(removeFixtures)

type Compiler = {
  run(cb: (error: Error | null, stats?: { hasErrors(): boolean; toString(): string }) => void): void
  close(cb: () => void): void
}

function run(compiler: Compiler): Promise<void> {
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      if (error) return reject(error)
      if (stats?.hasErrors()) return reject(new Error(stats.toString()))
      compiler.close(() => resolve())
    })
  })
}

function checkOutputs(record: BuildRecord, root: string) {
  expect(record.durationMs).toBeGreaterThan(0)
  expect(record.modules.source).toBe(4)
  const entry = record.outputs.find((o) => o.isEntry)!
  expect(entry.fileName).toBe('main.js')
  expect(entry.size).toBeGreaterThan(100)
  for (const output of record.outputs) {
    const path = join(root, 'out', output.fileName)
    expect(output.size, output.fileName).toBe(statSync(path).size)
    expect(output.gzip, output.fileName).toBe(gzipSync(readFileSync(path), { level: 9 }).length)
  }
}

describe('webpack and Rspack', () => {
  it(`records a webpack ${webpack.version} build`, async () => {
    expect(webpack.version.split('.')[0]).toBe('5')
    const root = copyFixture('library', { modules: 0 })
    const compiler = webpack({
      context: root,
      mode: 'production',
      entry: './src/index.js',
      output: { path: join(root, 'out') },
      plugins: [webpackMetrics({ historyDir: 'history', quiet: true })],
    }) as unknown as Compiler
    await run(compiler)
    const record = readJson<BuildRecord>(join(root, 'history/latest.json'))
    expect(record.bundler).toEqual({ name: 'webpack', version: webpack.version })
    checkOutputs(record, root)
  })

  it(`records an Rspack ${rspackVersion} build`, async () => {
    const root = copyFixture('library', { modules: 0 })
    const compiler = rspack({
      context: root,
      mode: 'production',
      entry: './src/index.js',
      output: { path: join(root, 'out') },
      plugins: [rspackMetrics({ historyDir: 'history', quiet: true })],
    }) as unknown as Compiler
    await run(compiler)
    const record = readJson<BuildRecord>(join(root, 'history/latest.json'))
    expect(record.bundler).toEqual({ name: 'rspack', version: rspackVersion })
    checkOutputs(record, root)
  })
})
