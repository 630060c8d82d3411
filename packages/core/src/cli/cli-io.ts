/** The process-like object every Shipwatch CLI's `run` takes, so tests can drive it in-process. */
export interface CliIo {
  argv: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean }
  stderr: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean }
}

/** Exit codes of every Shipwatch CLI. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A usage or configuration problem: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Whether `util.parseArgs` rejected the arguments (an unknown flag, a missing value): a usage error too. */
export function isParseArgsError(error: unknown): boolean {
  return String((error as { code?: unknown })?.code ?? '').startsWith('ERR_PARSE_ARGS')
}

/**
 * What a `bin` file does: runs the CLI with this process and sets the exit code. A stack trace only for an
 * unexpected error; expected failures are the CLI's own messages and exit codes.
 */
export function runCli(name: string, run: (io: CliIo) => Promise<number>): void {
  run({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`${name}: unexpected error\n${(error as Error)?.stack ?? String(error)}\n`)
      process.exitCode = EXIT.failed
    },
  )
}
