import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const tsconfig = fileURLToPath(new URL('../../../../tsconfig.test.json', import.meta.url))

/** Spawns a TypeScript file in a real Node process, resolving @shipwatch/* to src like the tests do. */
export function spawnTsx(file: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)))
}
