import { collectOutputs } from '@shipwatch/core/lite'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const chunk = (modules: Record<string, { renderedLength: number }>) => ({
  'main.js': {
    type: 'chunk' as const,
    fileName: 'main.js',
    name: 'main',
    code: '',
    isEntry: true,
    isDynamicEntry: false,
    facadeModuleId: null,
    imports: [],
    dynamicImports: [],
    modules,
  },
})

describe('largest modules of a chunk', () => {
  it('equals sorting every module by rendered length, ties in bundle order, empty ones left out', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { maxLength: 40 }), (sizes) => {
        const modules = Object.fromEntries(
          sizes.map((size, i) => [`/src/m${i}.ts`, { renderedLength: size }]),
        )
        const expected = sizes
          .map((size, i) => ({ id: `/src/m${i}.ts`, size }))
          .filter((m) => m.size > 0)
          .sort((a, b) => b.size - a.size)
          .slice(0, 10)
        const [output] = collectOutputs(chunk(modules) as never)
        expect(output!.file.topModules).toEqual(expected)
      }),
    )
  })

  it('names virtual modules as such', () => {
    const [output] = collectOutputs(chunk({ '\0vite/preload-helper.js': { renderedLength: 5 } }) as never)
    expect(output!.file.topModules).toEqual([{ id: '(virtual) vite/preload-helper.js', size: 5 }])
  })
})
