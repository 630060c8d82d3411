import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './cli-io.js'
import { closestName } from './closest-name.js'

/**
 * `util.parseArgs` with our own messages: an unknown flag names the closest known one, a missing value says so.
 * Node's own texts quote unevenly and suggest `--` for a typo; every problem here is a UsageError (exit 2).
 */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    throw usageErrorFor(error, Object.keys(config.options ?? {}))
  }
}

function usageErrorFor(error: unknown, known: string[]): unknown {
  const code = String((error as { code?: unknown })?.code ?? '')
  if (!code.startsWith('ERR_PARSE_ARGS')) return error
  const message = (error as Error).message
  // Node quotes the flag: "Unknown option '--histroy-dir'", "Option '--out <value>' …", "Option '-h, --help' …".
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? ''
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? (quoted.split(/[ ,]/)[0] || null)
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const guess = closestName(flag.replace(/^-+/, ''), known)
    return new UsageError(`unknown option ${flag}${guess ? ` (did you mean --${guess}?)` : ''}; see --help`)
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    return message.includes('does not take an argument')
      ? new UsageError(`${flag} takes no value`)
      : new UsageError(`${flag} needs a value: ${flag} <value>`)
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return new UsageError(`unexpected argument; see --help`)
  return new UsageError(message)
}
