import pc from 'picocolors'

/** picocolors' formatters: coloured, or plain text when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>

/** The subset of a bundler's logger we route through (Vite's `config.logger` fits). */
export interface LogSink {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface Logger extends LogSink {
  debug(message: string): void
  colors: Colors
}

export interface LoggerOptions {
  /** Where lines go; a bundler's logger, or streams. Defaults to stderr. */
  sink?: LogSink
  /** Prefix for every line, e.g. `[build-metrics]`. */
  prefix?: string
  /** Drops info lines (warnings and errors still show). */
  quiet?: boolean
  env?: NodeJS.ProcessEnv
  /** Whether the output is a terminal; colours default to on for terminals. */
  isTTY?: boolean
}

/** Decides colour the way picocolors does, but from an explicit environment so tests and CLIs can pass theirs. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if ('NO_COLOR' in env || env.FORCE_COLOR === '0') return false
  if ('FORCE_COLOR' in env) return true
  return isTTY && env.TERM !== 'dumb'
}

export function streamSink(stdout: { write(s: string): unknown }, stderr = stdout): LogSink {
  return {
    info: (m) => stdout.write(`${m}\n`),
    warn: (m) => stderr.write(`${m}\n`),
    error: (m) => stderr.write(`${m}\n`),
  }
}

/** A small logger: colours that honour NO_COLOR/FORCE_COLOR, `quiet`, and debug lines behind DEBUG=shipwatch:*. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env
  const sink = options.sink ?? streamSink(process.stderr)
  const colors = pc.createColors(colorEnabled(env, options.isTTY ?? Boolean(process.stderr.isTTY)))
  const prefix = options.prefix ? `${colors.cyan(options.prefix)} ` : ''
  const debugOn = /(^|,)\s*shipwatch:\*?/.test(env.DEBUG ?? '')
  return {
    colors,
    info: (m) => {
      if (!options.quiet) sink.info(prefix + m)
    },
    warn: (m) => sink.warn(prefix + colors.yellow(m)),
    error: (m) => sink.error(prefix + colors.red(m)),
    debug: (m) => {
      if (debugOn) sink.info(`${prefix}${colors.dim(m)}`)
    },
  }
}
