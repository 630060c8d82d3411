import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs'

/**
 * Appends one line to a file with a single O_APPEND write, so concurrent writers never interleave (the kernel
 * positions and writes each call under the inode lock). If an earlier writer died mid-line, the file does not end
 * in a newline: we start with one, so our record never fuses with the torn one. Cost is O(1) in file size.
 */
export function appendLine(file: string, line: string): void {
  const fd = openSync(file, 'a+')
  try {
    const needsBreak = endsWithoutNewline(fd)
    const buffer = Buffer.from(`${needsBreak ? '\n' : ''}${line}\n`, 'utf8')
    let written = 0
    while (written < buffer.length) written += writeSync(fd, buffer, written)
  } finally {
    closeSync(fd)
  }
}

function endsWithoutNewline(fd: number): boolean {
  const { size } = fstatSync(fd)
  if (size === 0) return false
  const last = Buffer.alloc(1)
  readSync(fd, last, 0, 1, size - 1)
  return last[0] !== 0x0a
}
