/** Where history and reports live unless configured: `<root>/test-artifacts/build-metrics/`. */
export const DEFAULT_HISTORY_DIR = 'test-artifacts/build-metrics'
export const HISTORY_FILE = 'history.jsonl'
/**
 * Set by `build-metrics track` for the command it runs: the build plugin hands its records to this folder, and
 * `track` completes them (exit code, the command's wall time) and appends them, so a tracked build has one record.
 */
export const TRACK_HANDOFF_ENV = 'SHIPWATCH_TRACK_HANDOFF'

/** The newest build record, pretty-printed, for people and scripts that want just that. */
export const LATEST_FILE = 'latest.json'
