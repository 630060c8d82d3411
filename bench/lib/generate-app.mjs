// Generates a Vite app of `features × perFeature` TypeScript modules that also imports real libraries
// (lodash-es, zod) from node_modules. Half the features are lazy routes, so there are many chunks.
// Modules are sized like application code (45–115 lines: types, a class, a few functions, ≈ 80 on average), not
// one-liners: per-module costs and fixed costs then weigh as they do in a real 3,000-module app.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * @param vendors `true` adds what most apps ship in their entry chunk: React, ReactDOM and a charting library
 *   (echarts, whole), so the entry is one large vendor chunk (≈ 1.7 MB) beside lazy feature chunks.
 */
export function generateApp(dir, { features = 30, perFeature = 100, vendors = false } = {}) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-app', private: true, type: 'module' }),
  )
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>Bench</title></head><body><div id="app"></div><script type="module" src="/src/main.ts"></script></body></html>\n',
  )
  const lodash = [
    'chunk',
    'debounce',
    'groupBy',
    'merge',
    'sortBy',
    'uniqBy',
    'throttle',
    'cloneDeep',
    'kebabCase',
    'zip',
  ]
  const mainImports = []
  for (let f = 0; f < features; f++) {
    const folder = join(dir, 'src', `feature-${f}`)
    mkdirSync(folder)
    const names = []
    for (let m = 0; m < perFeature; m++) {
      const fn = lodash[(f + m) % lodash.length]
      const next = m + 1 < perFeature ? `import { item${m + 1} } from './item-${m + 1}'\n` : ''
      const uses = m + 1 < perFeature ? ` + item${m + 1}.size` : ''
      writeFileSync(join(folder, `item-${m}.ts`), itemModule(f, m, fn, next, uses))
      names.push(m)
    }
    writeFileSync(
      join(folder, 'index.ts'),
      `import { z } from 'zod'\nimport { item0 } from './item-0'\nconst Schema = z.object({ name: z.string(), size: z.number() })\nexport const feature${f} = () => Schema.parse({ name: item0.name, size: item0.size })\n`,
    )
    // With vendors, the entry holds them and one feature; every other feature is a lazy route.
    const eager = vendors ? f === 0 : f % 2 === 0
    mainImports.push(
      eager
        ? `import { feature${f} } from './feature-${f}/index'\nconsole.log(feature${f}())`
        : `document.addEventListener('f${f}', () => import('./feature-${f}/index').then((m) => console.log(m.feature${f}())))`,
    )
  }
  if (vendors) mainImports.unshift(VENDOR_MAIN)
  writeFileSync(join(dir, 'src', 'main.ts'), `${mainImports.join('\n')}\n`)
  return features * (perFeature + 1) + 1
}

const VENDOR_MAIN = `import * as echarts from 'echarts'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
const chart = echarts.init(document.createElement('div'))
chart.setOption({ xAxis: { type: 'category' }, yAxis: {}, series: [{ type: 'bar', data: [1, 2, 3] }] })
createRoot(document.getElementById('app')!).render(createElement('h1', null, 'Bench'))`

/** One module of application code: an interface, a store class, and 1–5 blocks of logic that use lodash. */
function itemModule(f, m, fn, next, uses) {
  const blocks = []
  for (let b = 0; b < 1 + ((f * 7 + m * 3) % 5); b++) {
    blocks.push(`
export function summarize${b}(rows: Row${m}[], query: string): Summary${m} {
  const matching = rows.filter((row) => row.label.toLowerCase().includes(query.toLowerCase()))
  const byTag = new Map<string, number>()
  for (const row of matching) {
    for (const tag of row.tags) byTag.set(tag, (byTag.get(tag) ?? 0) + 1)
  }
  const top = [...byTag.entries()].sort((a, b) => b[1] - a[1]).slice(0, ${3 + b})
  if (top.length === 0) return { count: 0, label: 'no rows for "' + query + '" in feature ${f}', tags: [] }
  return {
    count: matching.length,
    label: \`\${matching.length} of \${rows.length} rows (block ${b} of item ${m})\`,
    tags: top.map(([tag, n]) => tag + ':' + n),
  }
}
`)
  }
  return `import { ${fn} } from 'lodash-es'
${next}
export interface Row${m} {
  id: number
  label: string
  tags: string[]
  updatedAt?: Date
}

export interface Summary${m} {
  count: number
  label: string
  tags: string[]
}

export class Store${m} {
  #rows: Row${m}[] = []
  #listeners = new Set<(rows: readonly Row${m}[]) => void>()

  add(row: Row${m}): void {
    if (this.#rows.some((r) => r.id === row.id)) throw new Error('duplicate row ' + row.id + ' in item-${f}-${m}')
    this.#rows = [...this.#rows, { ...row, updatedAt: new Date() }]
    for (const listener of this.#listeners) listener(this.#rows)
  }

  subscribe(listener: (rows: readonly Row${m}[]) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
${blocks.join('')}
const rows: Row${m}[] = Array.from({ length: ${5 + (m % 7)} }, (_, i) => ({ id: i * ${m + 1}, label: 'feature ${f} item ${m} #' + i, tags: ['t' + (i % 3), 'f${f}'] }))
export const item${m} = { name: 'item-${f}-${m}', size: rows.length${uses}, run: () => ${fn} as unknown, rows, store: new Store${m}(), summarize: summarize0 }
`
}
