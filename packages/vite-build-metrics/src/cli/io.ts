/** What a CLI run needs from its process; tests pass their own. */
export interface CliProcess {
  argv: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean }
  stderr: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean }
}

/** A usage or configuration problem: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const
