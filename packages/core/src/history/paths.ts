/** Where history and reports live unless configured: `<root>/test-artifacts/build-metrics/`. */
export const DEFAULT_HISTORY_DIR = 'test-artifacts/build-metrics'
export const HISTORY_FILE = 'history.jsonl'
/** The newest build record, pretty-printed, for people and scripts that want just that. */
export const LATEST_FILE = 'latest.json'
