import { readFileSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'

/** How records name a virtual module (`\0id`): the NUL would not survive most reports. */
export const VIRTUAL_PREFIX = '(virtual) '

/** A module as records name it, and the npm package (`name@version`) it belongs to, if any. */
export interface ModuleName {
  id: string
  package: string | null
}

// The last `node_modules/<name>` or `node_modules/@scope/<name>` of a path, and what follows it.
const PACKAGE_PATH = /^(.*\/node_modules\/((?:@[^/]+\/)?[^/]+))(?:\/(.*))?$/

/**
 * Names modules so two builds on different machines agree: source files relative to the project root with `/`,
 * package files as `name@version/path` (`name@unknown/…` without a readable package.json; whatever the package manager's layout), virtual modules by their id. The
 * version is read once per package folder from its package.json.
 */
export class ModuleNamer {
  readonly #versions = new Map<string, string | null>()
  readonly #rootPrefix: string

  constructor(readonly root: string) {
    this.#rootPrefix = `${toPosix(root).replace(/\/$/, '')}/`
  }

  name(rawId: string): ModuleName {
    if (rawId.startsWith('\0')) return { id: `${VIRTUAL_PREFIX}${rawId.slice(1)}`, package: null }
    if (!isAbsolute(rawId)) return { id: rawId, package: null }
    // The path ends where a query (`?commonjs-proxy`) starts; the query stays part of the name.
    const queryAt = rawId.search(/[?#]/)
    const path = (queryAt === -1 ? rawId : rawId.slice(0, queryAt)).replaceAll('\\', '/')
    const query = queryAt === -1 ? '' : rawId.slice(queryAt)
    const match = PACKAGE_PATH.exec(path)
    if (!match) return { id: `${this.#relative(path)}${query}`, package: null }
    const [, dir, packageName, rest = ''] = match
    const pkg = `${packageName}@${this.#versionOf(dir!) ?? 'unknown'}`
    return { id: `${pkg}/${rest}${query}`, package: pkg }
  }

  // Fast path: a prefix cut instead of `path.relative` for ids under the root (figure in bench/README.md).
  #relative(path: string): string {
    return path.startsWith(this.#rootPrefix)
      ? path.slice(this.#rootPrefix.length)
      : toPosix(relative(this.root, path))
  }

  #versionOf(dir: string): string | null {
    let version = this.#versions.get(dir)
    if (version === undefined) {
      version = readVersion(dir)
      this.#versions.set(dir, version)
    }
    return version
  }
}

function readVersion(dir: string): string | null {
  try {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }
    // A version is a short semver string; anything else is not worth trusting into every record.
    return typeof version === 'string' && /^[\w.+-]{1,64}$/.test(version) ? version : null
  } catch {
    return null
  }
}

/** The package of a module id as records name it (`react-dom@18.3.1/cjs/…` → `react-dom@18.3.1`), or null. */
export function packageOfModule(id: string): string | null {
  if (id.startsWith(VIRTUAL_PREFIX) || id.startsWith('.')) return null
  const match = /^((?:@[^/@]+\/)?[^/@]+@[^/]+)\//.exec(id)
  return match ? match[1]! : null
}

/** `react-dom@18.3.1` → `react-dom`; `@scope/pkg@1.0.0` → `@scope/pkg`. */
export function packageName(pkg: string): string {
  const at = pkg.lastIndexOf('@')
  return at > 0 ? pkg.slice(0, at) : pkg
}

function toPosix(path: string): string {
  return path.replaceAll('\\', '/')
}
