#!/usr/bin/env node
import { run } from './run.js'

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
    process.stderr.write(`deploy-verify: unexpected error\n${(error as Error)?.stack ?? error}\n`)
    process.exitCode = 1
  },
)
