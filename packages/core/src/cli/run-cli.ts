/** The process-like object every Shipwatch CLI's `run` takes, so tests can drive it in-process. */
export interface CliIo {
  argv: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
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
      process.exitCode = 1
    },
  )
}
