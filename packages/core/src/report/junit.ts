import { escapeXml } from './escape.js'

/** One JUnit test case: a failure, a skip, or a pass (optionally with output). */
export interface JunitCase {
  classname: string
  name: string
  timeMs?: number
  failure?: { message: string; text?: string }
  skipped?: string
  output?: string
}

/** JUnit XML with one suite; every string escaped, counts derived from the cases. */
export function renderJunitSuite(tool: string, suite: string, cases: JunitCase[]): string {
  const failures = cases.filter((c) => c.failure).length
  const skipped = cases.filter((c) => c.skipped !== undefined && !c.failure).length
  const counts = `tests="${cases.length}" failures="${failures}" skipped="${skipped}"`
  const lines = cases.map((c) => {
    const time = c.timeMs === undefined ? '' : ` time="${(c.timeMs / 1000).toFixed(3)}"`
    const body = c.failure
      ? `<failure message="${escapeXml(c.failure.message)}"${c.failure.text === undefined ? '/>' : `>${escapeXml(c.failure.text)}</failure>`}`
      : c.skipped !== undefined
        ? `<skipped message="${escapeXml(c.skipped)}"/>`
        : c.output
          ? `<system-out>${escapeXml(c.output)}</system-out>`
          : ''
    return `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}"${time}>${body}</testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(tool)}" ${counts}>`,
    `  <testsuite name="${escapeXml(suite)}" ${counts}>`,
    ...lines,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
