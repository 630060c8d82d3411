import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export class ConfigFileError extends Error {
  override name = 'ConfigFileError'
}

/**
 * Finds and loads a CLI's config file: the given path, or the first candidate that exists. JSON is parsed directly;
 * TypeScript and JavaScript go through jiti, imported only then. `null` when there is no file.
 */
export async function loadConfigFile(
  cwd: string,
  candidates: readonly string[],
  explicit?: string,
): Promise<{ path: string; value: unknown } | null> {
  const path = explicit
    ? resolve(cwd, explicit)
    : candidates.map((name) => resolve(cwd, name)).find((p) => existsSync(p))
  if (!path) return null
  if (!existsSync(path)) throw new ConfigFileError(`config file ${path} does not exist`)
  try {
    if (path.endsWith('.json')) return { path, value: JSON.parse(readFileSync(path, 'utf8')) }
    const { createJiti } = await import('jiti')
    return {
      path,
      value: await createJiti(import.meta.url, { moduleCache: false }).import(path, { default: true }),
    }
  } catch (error) {
    throw new ConfigFileError(`could not load ${path}: ${(error as Error).message}`)
  }
}

/** `<tool>.config.{ts,mts,js,mjs,json}` */
export function configCandidates(tool: string): string[] {
  return ['ts', 'mts', 'js', 'mjs', 'json'].map((ext) => `${tool}.config.${ext}`)
}
