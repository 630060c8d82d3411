import { closeSync, openSync, readSync, statSync } from 'node:fs'
import type { ShipwatchRecord } from '../schema/parse-record.js'
import { parseStoredRecord } from '../schema/stored-record.js'

const CHUNK = 64 * 1024

/**
 * The most recently appended record that matches, read from the end of the file backwards: a build that wants
 * "the previous build of this branch" pays for the records after it, not for the whole history.
 */
export function findLastAppended(
  file: string,
  matches: (record: ShipwatchRecord) => boolean,
): ShipwatchRecord | null {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return null
  }
  try {
    let position = statSync(file).size
    let carry = Buffer.alloc(0)
    while (position > 0) {
      const length = Math.min(CHUNK, position)
      position -= length
      // Filled by the read below; a short read (file truncated meanwhile) keeps only what was read.
      const chunk = Buffer.allocUnsafe(length)
      const read = readSync(fd, chunk, 0, length, position)
      let data = carry.length > 0 ? Buffer.concat([chunk.subarray(0, read), carry]) : chunk.subarray(0, read)
      let end = data.length
      for (let i = data.length - 1; i >= 0; i--) {
        if (data[i] !== 0x0a) continue
        const found = tryLine(data, i + 1, end, matches)
        if (found) return found
        end = i
      }
      data = data.subarray(0, end)
      carry = Buffer.from(data)
    }
    return tryLine(carry, 0, carry.length, matches)
  } finally {
    closeSync(fd)
  }
}

function tryLine(
  data: Buffer,
  start: number,
  end: number,
  matches: (record: ShipwatchRecord) => boolean,
): ShipwatchRecord | null {
  if (end <= start) return null
  try {
    const record = parseStoredRecord(data.toString('utf8', start, end))
    return matches(record) ? record : null
  } catch {
    return null
  }
}
