/** A Vite `customLogger` that keeps every line, so tests can read the summary and warnings. */
export function captureLogger() {
  const info: string[] = []
  const warn: string[] = []
  const error: string[] = []
  const warnedOnce = new Set<string>()
  return {
    info,
    warn,
    error,
    logger: {
      info: (msg: string) => {
        info.push(msg)
      },
      warn: (msg: string) => {
        warn.push(msg)
      },
      warnOnce: (msg: string) => {
        if (!warnedOnce.has(msg)) warn.push(msg)
        warnedOnce.add(msg)
      },
      error: (msg: string) => {
        error.push(msg)
      },
      clearScreen: () => {},
      hasErrorLogged: () => false,
      hasWarned: false,
    },
  }
}
