/** Where history and reports live unless configured: `<root>/test-artifacts/build-metrics/`. */
export const DEFAULT_HISTORY_DIR = 'test-artifacts/build-metrics'
export const HISTORY_FILE = 'history.jsonl'
