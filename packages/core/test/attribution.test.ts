import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  attributeChanges,
  buildTrendReport,
  GITHUB_COMMENT_LIMIT,
  importChain,
  ModuleNamer,
  PR_COMMENT_MARKER,
  renderMarkdown,
  renderPrComment,
} from '@shipwatch/core'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleBuildRecord } from '../../../test-support/records.js'

const root = mkdtempSync(join(tmpdir(), 'shipwatch-namer-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function installed(dir: string, name: string, version: unknown) {
  mkdirSync(join(root, dir), { recursive: true })
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name, version }))
}

describe('module names', () => {
  it('agree across machines and package managers: root-relative source, name@version for packages', () => {
    installed(
      'node_modules/.pnpm/react-dom@18.3.1_react@18.3.1/node_modules/react-dom',
      'react-dom',
      '18.3.1',
    )
    installed('node_modules/@vue/runtime', '@vue/runtime', '3.5.0')
    installed('node_modules/chart-lib/node_modules/left-pad', 'left-pad', '2.0.0')
    installed('node_modules/odd', 'odd', '1.0.0 <script>')
    const namer = new ModuleNamer(root)
    const name = (path: string) => namer.name(join(root, path))
    expect(name('src/routes/a.ts')).toEqual({ id: 'src/routes/a.ts', package: null })
    expect(name('node_modules/.pnpm/react-dom@18.3.1_react@18.3.1/node_modules/react-dom/cjs/x.js')).toEqual({
      id: 'react-dom@18.3.1/cjs/x.js',
      package: 'react-dom@18.3.1',
    })
    expect(name('node_modules/@vue/runtime/dist/r.js?commonjs-proxy')).toEqual({
      id: '@vue/runtime@3.5.0/dist/r.js?commonjs-proxy',
      package: '@vue/runtime@3.5.0',
    })
    expect(name('node_modules/chart-lib/node_modules/left-pad/index.js').package).toBe('left-pad@2.0.0')
    // No readable or believable version: the package is still named, its version is not invented.
    expect(name('node_modules/missing/index.js').package).toBe('missing@unknown')
    expect(name('node_modules/odd/index.js').package).toBe('odd@unknown')
    expect(namer.name('\0vite/preload-helper.js')).toEqual({
      id: '(virtual) vite/preload-helper.js',
      package: null,
    })
  })
})

describe('import chains', () => {
  it('follow importers to an entry, and stop at a cycle a hand-edited record may hold', () => {
    expect(importChain({ b: 'a', c: 'b' }, 'c')).toEqual(['a', 'b', 'c'])
    expect(importChain({ b: 'c', c: 'b' }, 'b')).toEqual(['c', 'b'])
    expect(importChain({ b: 'a' }, 'z')).toBeUndefined()
    expect(importChain({ b: 'a' }, 'constructor')).toBeUndefined()
  })
})

describe('a PR comment', () => {
  it('fits GitHub’s 65,536 characters, closes what it cut open and links the whole report', () => {
    const chunk = (i: number, size: number) => ({
      ...sampleBuildRecord().outputs[0]!,
      fileName: `assets/route-${i}.js`,
      facade: `src/routes/route-${i}.ts`,
      size,
      modules: Array.from({ length: 12 }, (_, m) => ({
        id: `src/routes/route-${i}/part-${m}.ts`,
        size: size / 20 + m,
      })),
    })
    const before = sampleBuildRecord({
      id: 'a',
      outputs: Array.from({ length: 400 }, (_, i) => chunk(i, 1000)),
    })
    const after = sampleBuildRecord({
      id: 'b',
      outputs: Array.from({ length: 400 }, (_, i) => chunk(i, 2000 + i)),
    })
    const markdown = renderMarkdown(buildTrendReport([before, after]), { outputs: 400 })
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT)
    const url = 'https://github.com/acme/app/actions/runs/42'
    const comment = renderPrComment(markdown, { artifactUrl: url })
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
    expect(comment.startsWith(`${PR_COMMENT_MARKER}\n## `)).toBe(true)
    expect(comment).toContain(`[the workflow run's artifacts](${url})`)
    expect(comment.match(/<details/g)?.length ?? 0).toBe(comment.match(/<\/details>/g)?.length ?? 0)
    // The cut keeps the lead: the verdict and the first changed routes.
    expect(comment).toContain('#### assets/route-399.js (src/routes/route-399.ts)')
    const small = renderMarkdown(buildTrendReport([before, before]))
    expect(renderPrComment(small, { artifactUrl: url })).toBe(`${PR_COMMENT_MARKER}\n${small}`)
  })
})

describe('attribution of two records', () => {
  it('matches outputs by identity, not by hashed file name', () => {
    const out = sampleBuildRecord().outputs[0]!
    const a = sampleBuildRecord({ outputs: [{ ...out, fileName: 'assets/index-AAAAAAAA.js' }] })
    const b = sampleBuildRecord({ outputs: [{ ...out, fileName: 'assets/index-BBBBBBBB.js' }] })
    const [only] = attributeChanges(a, b).outputs
    expect(only).toMatchObject({ status: 'unchanged', label: 'assets/index.js', source: 'index.html' })
  })

  it('counts the modules under the recorded minimum from the chunk totals, and says when a side did not record them', () => {
    const out = sampleBuildRecord().outputs[0]!
    const chunk = (rendered: number | undefined) => ({
      ...out,
      size: 50_000 + (rendered ?? 0),
      modules: [{ id: 'src/big.ts', size: 3000 }],
      ...(rendered === undefined ? {} : { rendered }),
    })
    const a = sampleBuildRecord({ outputs: [chunk(5000)] })
    const b = sampleBuildRecord({ outputs: [chunk(5400)] })
    expect(attributeChanges(a, b).outputs[0]).toMatchObject({
      status: 'changed',
      modules: [],
      smallModules: 400,
    })
    const older = sampleBuildRecord({ outputs: [chunk(undefined)] })
    expect(attributeChanges(older, b).outputs[0]!.smallModules).toBeNull()
  })
})
