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

// A path the user gave (or the default one) that cannot be read or written: theirs to fix, so no stack trace.
const PATH_ERRORS = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ENOENT', 'EROFS', 'ENOSPC', 'EEXIST'])

/**
 * The exit code for an error a CLI's `run` caught: a usage or configuration error (UsageError, a rejected flag,
 * one of `usageErrors`) or an unusable path prints one line and gives 2. Anything else is ours: rethrown, for
 * runCli to print with its stack.
 */
export function exitForError(
  name: string,
  error: unknown,
  io: CliIo,
  usageErrors: (error: unknown) => boolean = () => false,
): number {
  const code = String((error as { code?: unknown })?.code ?? '')
  if (error instanceof UsageError || isParseArgsError(error) || usageErrors(error) || PATH_ERRORS.has(code)) {
    io.stderr.write(`${name}: ${(error as Error).message}\n`)
    return EXIT.usage
  }
  throw error
}

/**
 * What a `bin` file does: runs the CLI with this process and sets the exit code. `--version` prints the version.
 * A reader that goes away (`| head`) ends the output quietly. A stack trace only for an unexpected error, with DEBUG.
 */
export function runCli(name: string, version: string, run: (io: CliIo) => Promise<number>): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error
      process.exit(process.exitCode ?? EXIT.ok)
    })
  const argv = process.argv.slice(2)
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv
  if (own.includes('--version')) {
    process.stdout.write(`${name} ${version}\n`)
    return
  }
  run({ argv, cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      // Ours, not the user's: one line, and the stack for a bug report when DEBUG is set.
      const detail = process.env.DEBUG
        ? `\n${(error as Error)?.stack ?? String(error)}`
        : ' (run with DEBUG=1 for the stack trace, and report it)'
      process.stderr.write(
        `${name}: unexpected error: ${(error as Error)?.message ?? String(error)}${detail}\n`,
      )
      process.exitCode = EXIT.failed
    },
  )
}
