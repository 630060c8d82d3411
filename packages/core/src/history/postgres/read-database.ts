import { parseRecord, type ShipwatchRecord } from '../../schema/parse-record.js'
import type { HistoryWarning } from '../read-records.js'
import { type DatabaseFilter, PostgresHistory } from './postgres-history.js'

/**
 * The records of a PostgreSQL history, oldest first, each through the full schema (older versions migrated): a
 * database shared by many runners is untrusted input like a history file. A bad row is a warning, never the end.
 */
export async function readDatabaseRecords(
  url: string,
  filter: DatabaseFilter = {},
  onWarning?: (warning: HistoryWarning) => void,
): Promise<ShipwatchRecord[]> {
  const history = await PostgresHistory.open(url)
  try {
    const rows = await history.select(filter)
    const records: ShipwatchRecord[] = []
    for (const [index, row] of rows.entries()) {
      try {
        records.push(parseRecord(row))
      } catch (error) {
        onWarning?.({ file: 'the history database', line: index + 1, reason: (error as Error).message })
      }
    }
    return records
  } finally {
    await history.close()
  }
}
