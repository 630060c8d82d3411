import { colorEnabled, createLogger } from '@shipwatch/core'
import { describe, expect, it } from 'vitest'

function capture() {
  const lines: string[] = []
  const sink = {
    info: (m: string) => lines.push(`I ${m}`),
    warn: (m: string) => lines.push(`W ${m}`),
    error: (m: string) => lines.push(`E ${m}`),
  }
  return { lines, sink }
}

describe('logger', () => {
  it('honours NO_COLOR and FORCE_COLOR', () => {
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false)
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true)
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false)
    expect(colorEnabled({}, true)).toBe(true)
    expect(colorEnabled({}, false)).toBe(false)
  })

  it('routes to a sink, prefixes, hides info when quiet but never warnings', () => {
    const { lines, sink } = capture()
    const log = createLogger({ sink, prefix: '[x]', quiet: true, env: { NO_COLOR: '1' } })
    log.info('hidden')
    log.warn('careful')
    log.error('broken')
    expect(lines).toEqual(['W [x] careful', 'E [x] broken'])
  })

  it('prints debug lines only under DEBUG=shipwatch:*', () => {
    const on = capture()
    createLogger({ sink: on.sink, env: { DEBUG: 'shipwatch:*', NO_COLOR: '1' } }).debug('detail')
    const off = capture()
    createLogger({ sink: off.sink, env: { DEBUG: 'vite:*', NO_COLOR: '1' } }).debug('detail')
    expect(on.lines).toEqual(['I detail'])
    expect(off.lines).toEqual([])
  })

  it('colours when forced', () => {
    const { lines, sink } = capture()
    createLogger({ sink, env: { FORCE_COLOR: '1' } }).warn('w')
    expect(lines[0]).toContain('\u001b[33m')
  })

  it('offers every colour of picocolors both ways: escape codes when on, the text itself when off', () => {
    const on = createLogger({ env: { FORCE_COLOR: '1' } }).colors
    const off = createLogger({ env: { NO_COLOR: '1' } }).colors
    expect([on.isColorSupported, off.isColorSupported]).toEqual([true, false])
    const names = Object.keys(on).filter((key) => key !== 'isColorSupported') as Exclude<
      keyof typeof on,
      'isColorSupported'
    >[]
    expect(Object.keys(off).sort()).toEqual(Object.keys(on).sort())
    const ESC = '\u001b['
    for (const name of names) {
      const coloured = on[name]('text')
      expect(coloured.startsWith(ESC) && coloured.endsWith('m') && coloured.includes('mtext'), coloured).toBe(
        true,
      )
      expect(off[name]('text'), name).toBe('text')
    }
  })
})
