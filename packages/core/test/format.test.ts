import { formatBytes, formatDuration, formatPercentChange, parseBytes } from '@shipwatch/core'
import { describe, expect, it } from 'vitest'

describe('bytes', () => {
  it('parses kB as 1000 and KiB as 1024, plain numbers as bytes', () => {
    expect(parseBytes('500 kB')).toBe(500_000)
    expect(parseBytes('500kB')).toBe(500_000)
    expect(parseBytes('500 KB')).toBe(500_000)
    expect(parseBytes('2 KiB')).toBe(2048)
    expect(parseBytes('1.5 MiB')).toBe(1_572_864)
    expect(parseBytes('1 MB')).toBe(1_000_000)
    expect(parseBytes('1 GB')).toBe(1_000_000_000)
    expect(parseBytes('1 GiB')).toBe(1024 ** 3)
    expect(parseBytes('300')).toBe(300)
    expect(parseBytes(300)).toBe(300)
  })

  it('rejects anything else with the accepted forms', () => {
    expect(() => parseBytes('5 kb')).toThrow(/kB \(1000\).*KiB \(1024\)/)
    expect(() => parseBytes('lots')).toThrow(/invalid size "lots"/)
    expect(() => parseBytes(-1)).toThrow(/non-negative/)
    expect(() => parseBytes(Number.NaN)).toThrow()
  })

  it('always prints the unit', () => {
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1000)).toBe('1.00 kB')
    expect(formatBytes(1536, { binary: true })).toBe('1.50 KiB')
    expect(formatBytes(2_500_000)).toBe('2.50 MB')
    expect(formatBytes(1200, { signed: true })).toBe('+1.20 kB')
    expect(formatBytes(-1200)).toBe('-1.20 kB')
  })
})

describe('durations', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(4.26)).toBe('4.3 ms')
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(1240)).toBe('1.24 s')
    expect(formatDuration(125_000)).toBe('2 min 05 s')
  })

  it('formats percent changes', () => {
    expect(formatPercentChange(110, 100)).toBe('+10.0 %')
    expect(formatPercentChange(96, 100)).toBe('-4.0 %')
    expect(formatPercentChange(5, 0)).toBe('new')
  })
})
