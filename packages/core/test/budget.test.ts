import { BudgetConfigError, type BudgetInput, evaluateBudgets, resolveRules } from '@shipwatch/core'
import { describe, expect, it } from 'vitest'
import { stableName } from '../src/budget/measure.js'
import { parseLimit } from '../src/budget/parse-limit.js'

const file = (fileName: string, size: number, extra: Partial<BudgetInput['files'][number]> = {}) => ({
  fileName,
  kind: (fileName.endsWith('.js')
    ? 'js'
    : fileName.endsWith('.css')
      ? 'css'
      : fileName.endsWith('.html')
        ? 'html'
        : fileName.endsWith('.map')
          ? 'map'
          : 'image') as never,
  size,
  gzip: Math.round(size / 3),
  isEntry: false,
  name: null,
  modules: [],
  ...extra,
})

const build = (vendor = 300_000): BudgetInput => ({
  files: [
    file('index.html', 900),
    file('assets/index-AbCdEf12.js', 30_000, {
      isEntry: true,
      name: 'index',
      modules: [{ id: 'src/main.ts', size: 20_000 }],
    }),
    file('assets/vendor-XyZ98765.js', vendor, {
      modules: [{ id: 'lodash-es@4.17.21/lodash.js', size: vendor - 1000 }],
      packages: { 'lodash-es@4.17.21': vendor - 1000 },
    }),
    file('assets/index-Qw12Er34.css', 9_000),
    file('assets/lazy-Zz11Yy22.js', 4_000),
    file('assets/index-AbCdEf12.js.map', 90_000),
    file('assets/logo-Aa11Bb22.png', 12_000),
  ],
  pages: [
    {
      html: 'index.html',
      files: ['assets/index-AbCdEf12.js', 'assets/vendor-XyZ98765.js', 'assets/index-Qw12Er34.css'],
    },
  ],
  entries: [
    {
      name: 'index',
      files: ['assets/index-AbCdEf12.js', 'assets/vendor-XyZ98765.js', 'assets/index-Qw12Er34.css'],
    },
  ],
})

const run = (rules: unknown[], current = build(), baseline: BudgetInput | null = null) =>
  evaluateBudgets(resolveRules(rules), current, baseline)

describe('limits', () => {
  it('reads kB as 1000, KiB as 1024, plain numbers as bytes, and relative forms', () => {
    expect(parseLimit('500 kB', false)).toEqual({ kind: 'absolute', value: 500_000 })
    expect(parseLimit('1 KiB', false)).toEqual({ kind: 'absolute', value: 1024 })
    expect(parseLimit(300, false)).toEqual({ kind: 'absolute', value: 300 })
    expect(parseLimit('+5%', false)).toEqual({ kind: 'relative', percent: 5, bytes: 0, text: '+5%' })
    expect(parseLimit('+10 kB', false)).toEqual({
      kind: 'relative',
      percent: null,
      bytes: 10_000,
      text: '+10 kB',
    })
    expect(parseLimit('+5% min 500 B', false)).toEqual({
      kind: 'relative',
      percent: 5,
      bytes: 500,
      text: '+5% min 500 B',
    })
    expect(parseLimit('+2', true)).toEqual({ kind: 'relative', percent: null, bytes: 2, text: '+2' })
  })
})

describe('configuration errors name the rule index and field', () => {
  const cases: [unknown, RegExp][] = [
    [[{ target: 'initial', maxError: 'big' }], /budgets\[0\]\.maxError invalid size "big"/],
    [[{ target: 'initial', maxError: '5%' }], /budgets\[0\]\.maxError "5%" is a percentage without "\+"/],
    [[{ target: 'initial', maxError: Number.NaN }], /budgets\[0\]\.maxError must be a non-negative number/],
    [[{ target: 'initial' }], /budgets\[0\] has no limit/],
    [[{ target: 'nope', maxError: 1 }], /budgets\[0\]\.target "nope" is not a target/],
    [[{ maxError: 1 }], /budgets\[0\]\.target is required/],
    [
      [
        { target: 'js', maxError: 1 },
        { target: 'js', maxErorr: 1 },
      ],
      /budgets\[1\]\.maxErorr is not a budget field/,
    ],
    [
      [{ target: 'js', maxError: 1, compression: 'zstd' }],
      /budgets\[0\]\.compression must be none, gzip or brotli/,
    ],
    [[{ target: 'js', maxError: 1, type: 'wasm' }], /budgets\[0\]\.type must be one of/],
    [[{ target: { glob: '' }, maxError: 1 }], /budgets\[0\]\.target\.glob must be a non-empty glob/],
    [[{ target: 'count', maxError: '1.5' }], /budgets\[0\]\.maxError invalid count/],
    ['nope', /budgets must be an array/],
  ]
  for (const [rules, message] of cases) {
    it(`rejects ${JSON.stringify(rules)}`, () => {
      expect(() => resolveRules(rules)).toThrow(BudgetConfigError)
      expect(() => resolveRules(rules)).toThrow(message)
    })
  }
})

describe('evaluation', () => {
  it('initial: per page, entry + static imports + CSS, gzip by default; max fails on >', () => {
    const gz = 10_000 + 100_000 + 3_000 // gzip sizes are a third of raw here
    const [at] = run([{ target: 'initial', maxError: gz }])
    expect(at).toMatchObject({ status: 'pass', actual: gz, target: 'index.html' })
    const [over] = run([{ target: 'initial', maxError: gz - 1 }])
    expect(over!.status).toBe('fail')
    expect(over!.message).toMatch(/index\.html is 113\.00 kB gzip, over the maxError of 113\.00 kB/)
    expect(over!.details.join('\n')).toMatch(/lodash-es/)
  })

  it('warns before it fails, and applies every matching rule', () => {
    const results = run([
      { target: 'js', compression: 'none', maxWarning: '300 kB', maxError: '400 kB' },
      { target: 'css', compression: 'none', maxError: '10 kB' },
    ])
    expect(results.map((r) => r.status)).toEqual(['warn', 'pass'])
  })

  it('entry:<name>, types, counts and requests', () => {
    expect(run([{ target: 'entry:index', compression: 'none', maxError: '339 kB' }])[0]!.actual).toBe(339_000)
    expect(run([{ target: 'image', compression: 'none', maxError: '11 kB' }])[0]!.status).toBe('fail')
    expect(run([{ target: 'count', type: 'js', maxError: 3 }])[0]).toMatchObject({
      status: 'pass',
      actual: 3,
    })
    expect(run([{ target: 'requests', maxError: 3 }])[0]).toMatchObject({ status: 'fail', actual: 4 })
  })

  it('globs per file or summed; .map left out unless asked', () => {
    const perFile = run([{ target: { glob: 'assets/*.js' }, compression: 'none', maxError: '100 kB' }])
    expect(perFile.map((r) => [r.target, r.status])).toEqual([
      ['assets/index-AbCdEf12.js', 'pass'],
      ['assets/vendor-XyZ98765.js', 'fail'],
      ['assets/lazy-Zz11Yy22.js', 'pass'],
    ])
    expect(
      run([{ target: { glob: 'assets/*', per: 'sum' }, compression: 'none', maxError: 1e9 }])[0]!.actual,
    ).toBe(355_000)
    expect(
      run([
        { target: { glob: 'assets/*', per: 'sum' }, compression: 'none', includeMaps: true, maxError: 1e9 },
      ])[0]!.actual,
    ).toBe(445_000)
  })

  it('min limits fail on <, catching outputs that shrank to nothing', () => {
    expect(run([{ target: 'css', compression: 'none', minError: '10 kB' }])[0]!.status).toBe('fail')
    expect(run([{ target: 'css', compression: 'none', minError: '9 kB' }])[0]!.status).toBe('pass')
  })

  it('a rule that matches no file fails (a renamed output)', () => {
    const [result] = run([{ target: { glob: 'assets/vendor-react-*.js' }, maxError: '1 MB' }])
    expect(result!.status).toBe('fail')
    expect(result!.message).toMatch(/matches no file/)
    expect(run([{ target: 'entry:admin', maxError: 1 }])[0]!.status).toBe('fail')
  })

  it('a type total over no files is 0 B and passes a max (an app without fonts), and fails a min', () => {
    expect(run([{ target: 'font', compression: 'none', maxError: '200 kB' }])[0]).toMatchObject({
      status: 'pass',
      actual: 0,
    })
    expect(run([{ target: 'font', compression: 'none', minError: 1 }])[0]!.status).toBe('fail')
  })

  it('relative limits compare with the baseline; without one they say so instead of passing silently', () => {
    const baseline = build(300_000)
    const grown = build(330_000) // vendor +30 kB raw, +10 kB gzip
    const rule = { target: 'initial', maxError: '+5%' }
    const [noBase] = run([rule], grown, null)
    expect(noBase!.status).toBe('no-baseline')
    expect(noBase!.message).toMatch(/needs a baseline/)
    const [fail] = run([rule], grown, baseline)
    expect(fail!.status).toBe('fail')
    expect(fail!.message).toMatch(/\+5% on the baseline's 113\.00 kB gzip/)
    expect(fail!.details).toEqual([
      'assets/vendor-XyZ98765.js: +10.00 kB gzip vs baseline',
      'modules that grew (rendered): lodash-es@4.17.21/lodash.js +30.00 kB',
      'packages that grew (rendered): lodash-es +30.00 kB',
    ])
    expect(run([{ target: 'initial', maxError: '+10%' }], grown, baseline)[0]!.status).toBe('pass')
  })

  it('percent with a byte floor: the larger allowance wins', () => {
    const baseline = build(3_000)
    const grown = build(4_200) // +400 B gzip on a ~11.3 kB initial set (3.5 %)
    expect(run([{ target: 'initial', maxError: '+1%' }], grown, baseline)[0]!.status).toBe('fail')
    expect(run([{ target: 'initial', maxError: '+1% min 500 B' }], grown, baseline)[0]!.status).toBe('pass')
  })
})

describe('helpers', () => {
  it('strips content hashes so files can be matched across builds', () => {
    expect(stableName('assets/index-AbCdEf12.js')).toBe('assets/index.js')
    expect(stableName('assets/chunk.3f2a91c0.css')).toBe('assets/chunk.css')
    expect(stableName('robots.txt')).toBe('robots.txt')
  })
})
