// Every message the plugin prints, in one place; each says what happened and what to do.
export const messages = {
  recordFailed: (reason: string) =>
    `could not write the build record (${reason}); the build itself is fine. Check that the history folder is writable or set buildMetrics({ historyDir }).`,
  historyUnreadable: (reason: string) =>
    `could not read the build history (${reason}); the summary has no comparison with the last build.`,
  gitUnavailable: (reason: string) => `${reason}; the record has no git facts.`,
  sizeFailed: (reason: string) =>
    `could not compute output sizes (${reason}); the record has raw sizes only.`,
  internalError: (where: string, reason: string) =>
    `internal error in ${where} (${reason}); metrics for this build may be incomplete. The build goes on. Please report this.`,
  recordWritten: (path: string) => `record written to ${path}`,
  databaseUnreachable: (reason: string, waiting: number) =>
    `could not send the record to the history database (${reason}); the build is fine. ${waiting} record(s) wait in unsent.jsonl next to the history and go with the next build, or now with build-metrics history sync.`,
  traceFailed: (reason: string) => `could not send the build trace (${reason}); the build is fine.`,
  databaseStored: (stored: number) => `${stored} record(s) stored in the history database`,
} as const
