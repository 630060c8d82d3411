import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { copyFixture } from './fixture.js'

/** An app with a lazy route and an npm dependency, in a git repository, to change between two builds. */
export interface RoutesApp {
  root: string
  git(...args: string[]): string
  /** Writes a file (relative to the root), creating its folder. */
  write(path: string, content: string): void
  /** Writes an ESM package into `node_modules/<...>/<name>` with `files` (index.js is its main). */
  addPackage(at: string, name: string, version: string, files: Record<string, string>): void
  commit(message: string): string
}

/** Copies `routes-app` to a temp folder, installs left-pad 1.0.0 by hand and commits it on main. */
export function createRoutesApp(): RoutesApp {
  const root = copyFixture('routes-app', { modules: 0 })
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=A', '-c', 'user.email=a@x', ...args], {
      cwd: root,
      encoding: 'utf8',
    }).trim()
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  const app: RoutesApp = {
    root,
    git,
    write,
    addPackage(at, name, version, files) {
      const dir = join(at, 'node_modules', name)
      write(join(dir, 'package.json'), JSON.stringify({ name, version, type: 'module', main: 'index.js' }))
      for (const [file, content] of Object.entries(files)) write(join(dir, file), content)
    },
    commit(message) {
      git('add', '-A', '--force')
      git('commit', '-qm', message)
      return git('rev-parse', 'HEAD')
    },
  }
  app.addPackage('.', 'left-pad', '1.0.0', { 'index.js': leftPadSource('1') })
  git('init', '-q', '-b', 'main')
  app.commit('app')
  return app
}

/** A left-pad of about 700 B (a module kept one by one in records). */
export function leftPadSource(variant: string): string {
  const table = Array.from({ length: 40 }, (_, i) => `'${variant}${' '.repeat(i % 7)}pad${i}'`).join(', ')
  return `const cache = [${table}]\nexport default function leftPad(text, length) {\n  return String(text).padStart(length, cache[0].slice(0, 1))\n}\n`
}

/** About `bytes` of minified code: distinct string literals, which a minifier keeps. */
export function bulkyModule(name: string, bytes: number): string {
  const words: string[] = []
  for (let length = 0, i = 0; length < bytes; i++) {
    words.push(`"${name}-row-${i.toString(36)}-${(i * 7919).toString(36)}"`)
    length += words.at(-1)!.length + 1
  }
  return `export const ${name} = [${words.join(',')}]\n`
}
