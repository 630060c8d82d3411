#!/usr/bin/env node
import { createRequire } from 'node:module'
import { runCli } from '@shipwatch/core'
import { run } from './run.js'

// The same relative path from src/cli and from dist/cli.
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string }

runCli('build-metrics', version, run)
