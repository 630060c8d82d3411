import { closeSync, fstatSync, openSync, readSync, statSync, writeSync } from 'node:fs'

/**
 * Appends one line to a file with a single O_APPEND write, so concurrent writers never interleave (the kernel
 * positions and writes each call under the inode lock). If an earlier writer died mid-line, the file does not end
 * in a newline: we start with one, so our record never fuses with the torn one. Cost is O(1) in file size.
 *
 * If the file was replaced while we wrote (a prune renamed its rewrite over it), the line went to the old file,
 * which may already have been copied: we append it again to the new one. A line may then be there twice; readers
 * keep one per record id, and nothing is lost.
 */
export function appendLine(file: string, line: string): void {
  for (;;) {
    const fd = openSync(file, 'a+')
    try {
      const needsBreak = endsWithoutNewline(fd)
      const buffer = Buffer.from(`${needsBreak ? '\n' : ''}${line}\n`, 'utf8')
      let written = 0
      while (written < buffer.length) written += writeSync(fd, buffer, written)
      if (!wasReplaced(file, fd)) return
    } finally {
      closeSync(fd)
    }
  }
}

function wasReplaced(file: string, fd: number): boolean {
  try {
    return statSync(file).ino !== fstatSync(fd).ino
  } catch {
    return true
  }
}

function endsWithoutNewline(fd: number): boolean {
  const { size } = fstatSync(fd)
  if (size === 0) return false
  const last = Buffer.alloc(1)
  readSync(fd, last, 0, 1, size - 1)
  return last[0] !== 0x0a
}
