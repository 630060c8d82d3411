import { collectOutputs, fillModules, ModuleNamer } from '@shipwatch/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { testChunk } from './helpers/chunk.js'

const chunk = (modules: Record<string, { renderedLength: number }>) => ({
  'main.js': testChunk('main.js', modules),
})

describe('modules of a chunk', () => {
  it('are every module of 2,000 B or more and the 10 largest, by rendered length, ties in bundle order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5000 }), { maxLength: 40 }), (sizes) => {
        const modules = Object.fromEntries(
          sizes.map((size, i) => [`/app/src/m${i}.ts`, { renderedLength: size }]),
        )
        const expected = sizes
          .map((size, i) => ({ id: `src/m${i}.ts`, size }))
          .filter((m) => m.size > 0)
          .sort((a, b) => b.size - a.size)
          .filter((m, i) => i < 10 || m.size >= 2000)
        expect(topModulesOf(chunk(modules))).toEqual(expected)
      }),
    )
  })

  it('names virtual modules as such', () => {
    expect(topModulesOf(chunk({ '\0vite/preload-helper.js': { renderedLength: 5 } }))).toEqual([
      { id: '(virtual) vite/preload-helper.js', size: 5 },
    ])
  })

  it('are read only when asked for: collecting outputs touches no module', () => {
    const untouchable = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('modules read')
        },
      },
    )
    const [output] = collectOutputs(chunk(untouchable as never) as never)
    expect(output!.file.modules).toEqual([])
  })
})

function topModulesOf(bundle: ReturnType<typeof chunk>) {
  const outputs = collectOutputs(bundle as never)
  fillModules(outputs, bundle as never, new ModuleNamer('/app'))
  return outputs[0]!.file.modules
}
