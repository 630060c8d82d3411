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
  onDamaged: (fromEnd: number, reason: string) => void = () => {},
): ShipwatchRecord | null {
  let linesRead = 0
  const tryLine = (line: Buffer): ShipwatchRecord | null => {
    if (line.length === 0) return null
    linesRead++
    try {
      const record = parseStoredRecord(line.toString('utf8'))
      return matches(record) ? record : null
    } catch (error) {
      onDamaged(linesRead, (error as Error).message)
      return null
    }
  }
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return null
  }
  try {
    let position = statSync(file).size
    // The end of a line longer than one chunk, newest piece first; joined once when its start is found, so a
    // long line costs its length, not its length squared.
    const pieces: Buffer[] = []
    while (position > 0) {
      const length = Math.min(CHUNK, position)
      position -= length
      // Filled by the read below; a short read (file truncated meanwhile) keeps only what was read.
      const chunk = Buffer.allocUnsafe(length)
      const read = readSync(fd, chunk, 0, length, position)
      let end = read
      for (let i = read - 1; i >= 0; i--) {
        if (chunk[i] !== 0x0a) continue
        const line =
          pieces.length > 0 ? joinPieces(chunk.subarray(i + 1, end), pieces) : chunk.subarray(i + 1, end)
        const found = tryLine(line)
        if (found) return found
        end = i
      }
      pieces.push(chunk.subarray(0, end))
    }
    return tryLine(joinPieces(Buffer.alloc(0), pieces))
  } finally {
    closeSync(fd)
  }
}

/** `head` followed by the pieces in file order (they were collected newest first); empties the pieces. */
function joinPieces(head: Buffer, pieces: Buffer[]): Buffer {
  const line = Buffer.concat([head, ...pieces.reverse()])
  pieces.length = 0
  return line
}
