// Generates a Vite app of `features × perFeature` TypeScript modules that also imports real libraries
// (lodash-es, zod) from node_modules. Half the features are lazy routes, so there are many chunks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function generateApp(dir, { features = 30, perFeature = 100 } = {}) {
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
      writeFileSync(
        join(folder, `item-${m}.ts`),
        `import { ${fn} } from 'lodash-es'\n${next}\nexport interface Row${m} { id: number; label: string; tags: string[] }\n` +
          `const rows: Row${m}[] = Array.from({ length: ${5 + (m % 7)} }, (_, i) => ({ id: i * ${m + 1}, label: 'feature ${f} item ${m} #' + i, tags: ['t' + (i % 3), 'f${f}'] }))\n` +
          `export const item${m} = { name: 'item-${f}-${m}', size: rows.length${uses}, run: () => ${fn} as unknown, rows }\n`,
      )
      names.push(m)
    }
    writeFileSync(
      join(folder, 'index.ts'),
      `import { z } from 'zod'\nimport { item0 } from './item-0'\nconst Schema = z.object({ name: z.string(), size: z.number() })\nexport const feature${f} = () => Schema.parse({ name: item0.name, size: item0.size })\n`,
    )
    mainImports.push(
      f % 2 === 0
        ? `import { feature${f} } from './feature-${f}/index'\nconsole.log(feature${f}())`
        : `document.addEventListener('f${f}', () => import('./feature-${f}/index').then((m) => console.log(m.feature${f}())))`,
    )
  }
  writeFileSync(join(dir, 'src', 'main.ts'), `${mainImports.join('\n')}\n`)
  return features * (perFeature + 1) + 1
}
