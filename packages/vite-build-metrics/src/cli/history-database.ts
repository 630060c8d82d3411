import { type DatabaseFilter, PostgresHistory } from '@shipwatch/core'

/** show, report and diff read a history database instead of the folder when a URL is set. */
export interface HistoryDatabase {
  url: string
  /** --project and --repository. */
  filter: DatabaseFilter
  /** A row that fails the record schema: skipped, and said. */
  onWarning: (reason: string) => void
}

/** Opens the database for `work` and closes it after, whatever happens. */
export async function withHistoryDatabase<T>(
  database: HistoryDatabase,
  work: (history: PostgresHistory) => Promise<T>,
): Promise<T> {
  const history = await PostgresHistory.open(database.url)
  try {
    return await work(history)
  } finally {
    await history.close()
  }
}
