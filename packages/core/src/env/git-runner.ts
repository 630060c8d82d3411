import { execFile } from 'node:child_process'

export type GitCommand = (args: string[], cwd: string) => Promise<string>

/**
 * One git command, no shell. `--no-optional-locks` keeps `status` from taking the index lock, so a build never
 * collides with the user's own git commands; the timeout bounds a hung credential helper or network filesystem.
 * Rejects with git's own stderr as the message ("fatal: not a git repository") and Node's error code.
 */
export const runGit: GitCommand = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', withNoLocks(args), execOptions(cwd), (error, stdout, stderr) => {
      if (!error) return resolve(stdout)
      reject(gitError(stderr.trim() || error.message, (error as NodeJS.ErrnoException).code))
    })
  })

function withNoLocks(args: string[]): string[] {
  return ['--no-optional-locks', ...args]
}

function execOptions(cwd: string) {
  return { cwd, encoding: 'utf8', timeout: 10_000, maxBuffer: 64 * 1024 * 1024, windowsHide: true } as const
}

function gitError(message: string, code: string | number | undefined): Error {
  return Object.assign(new Error(message), { code })
}
