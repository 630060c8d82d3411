#!/usr/bin/env node
import { runCli } from '@shipwatch/core'
import { run } from './run.js'

runCli('deploy-verify', run)
