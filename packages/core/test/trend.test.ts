import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildTrendReport,
  comparableBuilds,
  compareBuild,
  DEFAULT_THRESHOLDS,
  describeBaseline,
  findBaseline,
  HistoryStore,
  judgeExact,
  judgeTime,
  mad,
  median,
  selectBaseline,
  seriesStats,
  thin,
} from '@shipwatch/core'
import fc from 'fast-check'
import { describe, expect, it, onTestFinished } from 'vitest'
import { sampleBuildRecord } from '../../../test-support/records.js'

const TIMES = DEFAULT_THRESHOLDS.times

describe('timing gate (median + MAD over a window)', () => {
  it('never fails for noise drawn from the baseline’s own spread', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 100_000, noNaN: true }),
        fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 5, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (center, relSpread, noise, draw) => {
          const spread = center * relSpread
          const runs = noise.map((n) => center + n * spread)
          // Anywhere the baseline runs themselves went.
          const current = Math.min(...runs) + draw * (Math.max(...runs) - Math.min(...runs))
          const result = judgeTime(
            { id: 't', label: 't', unit: 'ms', value: current },
            seriesStats(runs),
            TIMES,
          )
          return result.verdict !== 'regression'
        },
      ),
      { numRuns: 500 },
    )
  })

  it('always fails a shift of several MADs beyond the baseline', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 100_000, noNaN: true }),
        fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 5, maxLength: 30 }),
        fc.double({ min: 5, max: 20, noNaN: true }),
        (center, relSpread, noise, shiftMads) => {
          const spread = center * relSpread
          const runs = noise.map((n) => center + n * spread)
          const m = median(runs)
          // Beyond every run, several MADs out, and at least 10 % slower (the minimum change worth flagging).
          const current = Math.max(...runs, m + shiftMads * mad(runs), m * 1.1) + spread
          const result = judgeTime(
            { id: 't', label: 't', unit: 'ms', value: current },
            seriesStats(runs),
            TIMES,
          )
          return result.verdict === 'regression'
        },
      ),
      { numRuns: 500 },
    )
  })

  it('reports but does not gate with too few runs, and explains itself', () => {
    const few = judgeTime(
      { id: 't', label: 'transform of vite:css', unit: 'ms', value: 5000 },
      seriesStats([1000, 1010, 990]),
      TIMES,
    )
    expect(few.verdict).toBe('not judged')
    expect(few.explanation).toMatch(/fewer than 5 runs: reported, not gated/)
    // Median 1205 ms, MAD 1.4826 × 10 ms.
    const many = judgeTime(
      { id: 't', label: 'transform of vite:css', unit: 'ms', value: 1663 },
      seriesStats([1200, 1210, 1190, 1250, 1205, 1215, 1180]),
      TIMES,
    )
    expect(many.verdict).toBe('regression')
    expect(many.explanation).toBe(
      'transform of vite:css +38 % (baseline median 1.21 s over 7 runs, MAD 15 ms)',
    )
  })
})

describe('exact gate for bytes and counts', () => {
  it('reports a plugin hook’s call count but never makes it a regression', () => {
    const base = sampleBuildRecord()
    const more = sampleBuildRecord({
      plugins: [
        { ...base.plugins[0]!, hooks: { transform: { ...base.plugins[0]!.hooks.transform!, calls: 40 } } },
      ],
    })
    const calls = compareBuild(more, base, new Map()).find((c) => c.id.startsWith('count.hook.'))
    expect(calls).toMatchObject({
      delta: 30,
      verdict: 'not judged',
      explanation: 'transform of vite:css calls +30 (+300.0 %) (reported, not gated)',
    })
    expect(buildTrendReport([base, more]).verdict).toBe('pass')
  })

  it('catches every byte change over the allowance, and nothing under it', () => {
    const thresholds = { ...DEFAULT_THRESHOLDS, bytes: { absolute: 0, percent: 0 } }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (base, delta) => {
          const result = judgeExact(
            { id: 'b', label: 'b', unit: 'bytes', value: base + delta },
            { id: 'b', label: 'b', unit: 'bytes', value: base },
            thresholds,
          )
          return (result.verdict === 'regression') === delta > 0 && result.delta === delta
        },
      ),
    )
    const limited = { ...DEFAULT_THRESHOLDS, bytes: { absolute: 500, percent: 1 } }
    const judge = (delta: number) =>
      judgeExact(
        { id: 'b', label: 'b', unit: 'bytes', value: 100_000 + delta },
        { id: 'b', label: 'b', unit: 'bytes', value: 100_000 },
        limited,
      ).verdict
    expect(judge(1000)).toBe('unchanged') // 1 % of 100 kB = 1000 B allowed
    expect(judge(1001)).toBe('regression')
    expect(judge(-5)).toBe('improvement')
  })
})

describe('baseline selection', () => {
  const at = (i: number, git: Partial<ReturnType<typeof sampleBuildRecord>['git']>) =>
    sampleBuildRecord({
      createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
      git: { ...sampleBuildRecord().git, ...git },
    })

  it('prefers the merge-base build, then the default branch, then the previous build', () => {
    const main1 = at(1, { sha: '1'.repeat(40), branch: 'main' })
    const main2 = at(2, { sha: '2'.repeat(40), branch: 'main' })
    const feat = at(3, { sha: '3'.repeat(40), branch: 'feat' })
    const current = at(4, { sha: '4'.repeat(40), branch: 'feat', baseSha: '1'.repeat(40) })
    expect(selectBaseline([main1, main2, feat], current, {})?.reason).toBe('merge-base')
    expect(selectBaseline([main1, main2, feat], current, {})?.record.id).toBe(main1.id)
    const noBase = { ...current, git: { ...current.git, baseSha: null } }
    expect(selectBaseline([main1, main2, feat], noBase, {})).toMatchObject({
      reason: 'default branch',
      record: { id: main2.id },
    })
    const onMain = at(5, { branch: 'main' })
    expect(selectBaseline([main1, main2, feat], onMain, {})).toMatchObject({
      reason: 'previous build',
      record: { id: feat.id },
    })
  })

  it('is one rule: the history store read backwards and a list of records give the same baseline', async () => {
    const store = new HistoryStore({ dir: mkdtempSync(join(tmpdir(), 'shipwatch-baseline-')) })
    onTestFinished(() => rmSync(store.dir, { recursive: true, force: true }))
    const records = [
      at(1, { sha: '1'.repeat(40), branch: 'main' }),
      { ...at(2, { sha: '2'.repeat(40), branch: 'main' }), watchRebuild: true },
      at(3, { sha: '3'.repeat(40), branch: 'feat' }),
      { ...at(4, { sha: '4'.repeat(40), branch: 'main' }), project: 'other-app' },
      at(5, { sha: '5'.repeat(40), branch: 'main' }),
    ]
    for (const record of records) await store.append(record)
    const cases = [
      at(6, { branch: 'feat', baseSha: '1'.repeat(7) }), // a sha prefix names the merge-base
      at(6, { branch: 'feat' }),
      at(6, { branch: 'main' }),
      { ...at(6, { branch: 'main' }), watchRebuild: true },
      { ...at(6, { branch: 'main' }), project: 'third-app' },
    ]
    const expected = [
      ['merge-base', records[0]!.id],
      ['default branch', records[4]!.id],
      ['previous build', records[4]!.id],
      // A watch rebuild is compared only with rebuilds, a cold build only with cold builds.
      ['previous build', records[1]!.id],
      [null, null],
    ]
    cases.forEach((current, i) => {
      const fromStore = findBaseline(store, current)
      const fromList = selectBaseline(
        records.filter((r) => comparableBuilds(current, r)),
        current,
        {},
      )
      expect([fromStore?.reason ?? null, fromStore?.record.id ?? null], `case ${i}`).toEqual(expected[i])
      expect(fromList?.record.id ?? null, `case ${i}`).toBe(fromStore?.record.id ?? null)
    })
    expect(describeBaseline(findBaseline(store, cases[0]!)!)).toBe('main@1111111 (merge-base)')
    rmSync(store.dir, { recursive: true, force: true })
  })

  it('compares like with like and keeps watch rebuilds out', () => {
    const cold = at(1, { branch: 'main' })
    const rebuild = { ...at(2, { branch: 'main' }), watchRebuild: true }
    const ssr = { ...at(3, { branch: 'main' }), environment: 'ssr' }
    const current = at(4, { branch: 'main' })
    const report = buildTrendReport([cold, rebuild, ssr, current])
    expect(report.baseline?.record.id).toBe(cold.id)
    expect(report.history.map((p) => p.id)).toEqual([cold.id, current.id])
  })
})

describe('downsampling', () => {
  it('keeps at most max points, evenly spread, first and last included', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i)
    const kept = thin(items, 400)
    expect(kept).toHaveLength(400)
    expect(kept[0]).toBe(0)
    expect(kept.at(-1)).toBe(9_999)
  })
})
