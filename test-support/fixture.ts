import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const created: string[] = []

/**
 * Copies a fixture app to a fresh temp folder (builds write history there) and generates `src/generated.ts`
 * importing `modules` small modules, so timings have something to count.
 */
export function copyFixture(name: string, { modules = 10 } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `shipwatch-${name}-`))
  created.push(dir)
  cpSync(new URL(`./fixtures/${name}`, import.meta.url), dir, { recursive: true })
  const imports: string[] = []
  for (let i = 0; i < modules; i++) {
    writeFileSync(join(dir, `src/gen-${i}.ts`), `export const value${i}: number = ${i} * 2\n`)
    imports.push(`import { value${i} } from './gen-${i}'`)
  }
  const sum = modules === 0 ? '0' : Array.from({ length: modules }, (_, i) => `value${i}`).join(' + ')
  writeFileSync(join(dir, 'src/generated.ts'), `${imports.join('\n')}\nexport const modules = () => ${sum}\n`)
  return dir
}

export function removeFixtures(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

/** The local files a built HTML page references as scripts, modulepreloads and stylesheets. */
export function htmlReferences(html: string): string[] {
  const refs: string[] = []
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) refs.push(m[1]!)
  for (const m of html.matchAll(/<link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"/g))
    refs.push(m[1]!)
  return refs.map((r) => r.replace(/^\//, '')).sort()
}
