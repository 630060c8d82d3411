import { readFileSync } from 'node:fs'
import type { ShipwatchRecord } from '../schema/parse-record.js'
import { parseStoredRecord } from '../schema/stored-record.js'

export interface HistoryWarning {
  file: string
  /** 1-based line number; negative counts from the end (-1: the last line), as a backward read knows it. */
  line: number
  reason: string
}

/** The warning as one line for a terminal: which file and line, what is wrong, what happens to it. */
export function describeHistoryWarning(warning: HistoryWarning): string {
  if (warning.line === 0) return `could not read ${warning.file}: ${warning.reason}`
  const where = warning.line > 0 ? `line ${warning.line}` : `line ${-warning.line} from the end`
  return `skipped a damaged history line (${warning.file} ${where}): ${warning.reason}`
}

/**
 * Reads a JSON Lines history file. Every valid record is kept; a torn, damaged or foreign line becomes a warning
 * naming the file and line, never an exception. By default a line is checked as a record our own append() validated;
 * files from elsewhere pass the full schema check (`parseRecord`) as `parse`.
 */
export function readRecords(
  file: string,
  parse: (line: string) => ShipwatchRecord = parseStoredRecord,
): { records: ShipwatchRecord[]; warnings: HistoryWarning[] } {
  let data: Buffer
  try {
    data = readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], warnings: [] }
    return { records: [], warnings: [{ file, line: 0, reason: `unreadable: ${(error as Error).message}` }] }
  }
  return parseLines(data, file, parse)
}

/** The records and warnings of JSON Lines already in memory (`file` names them in warnings). */
export function parseLines(
  data: Buffer,
  file: string,
  parse: (line: string) => ShipwatchRecord = parseStoredRecord,
): { records: ShipwatchRecord[]; warnings: HistoryWarning[] } {
  const records: ShipwatchRecord[] = []
  const warnings: HistoryWarning[] = []
  let start = 0
  let lineNumber = 0
  // Decoding line by line from the buffer is faster than one huge string, and a newline byte never occurs
  // inside a multi-byte UTF-8 character.
  while (start < data.length) {
    let end = data.indexOf(0x0a, start)
    if (end === -1) end = data.length
    lineNumber++
    const line = data.toString('utf8', start, end).trim()
    start = end + 1
    if (line === '') continue
    try {
      records.push(parse(line))
    } catch (error) {
      warnings.push({ file, line: lineNumber, reason: (error as Error).message })
    }
  }
  return { records, warnings }
}
