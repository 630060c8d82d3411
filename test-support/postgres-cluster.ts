import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 (initdb + pg_ctl). Postgres refuses to run as root, so as root it runs
 * as the `postgres` user.
 */
export interface Cluster {
  url: string
  /** Stops the server, keeping its data: the database is "down". */
  pause(): void
  /** Starts it again on the same port. */
  resume(): void
  /** Stops it and removes its files. */
  stop(): void
}

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'shipwatch-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    chmodSync(dir, 0o755)
    const pg = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dir, pg, gid)
  }
  const as = (name: string, args: string[]) => {
    const command = pgBin(name)
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
      : execFileSync(command, args, { stdio: 'pipe' })
  }
  const port = await freePort()
  const data = join(dir, 'data')
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const start = () =>
    as('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ])
  start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause: () => as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** PATH first; Debian's postgresql package keeps its binaries in /usr/lib/postgresql/<version>/bin. */
function pgBin(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (dir && existsSync(join(dir, name))) return join(dir, name)
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const version of versions)
    if (existsSync(join(root, version, 'bin', name))) return join(root, version, 'bin', name)
  throw new Error(`${name} not found: apt-get install postgresql (the .ci/run script does)`)
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
