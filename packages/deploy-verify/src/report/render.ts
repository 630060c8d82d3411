import {
  type CheckResult,
  type DeployRecord,
  escapeMarkdown as escapeMd,
  escapeXml,
} from '@shipwatch/core/lite'

const MARK = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const
const EMOJI = { pass: '🟢', warn: '🟡', fail: '🔴', skip: '⚪' } as const

/** One stable line per check: what CI logs show, and what a TTY prints as each check finishes. */
export function checkLine(result: CheckResult): string {
  const flaky =
    result.firstStatus && result.firstStatus !== result.status
      ? ` (first try: ${result.firstStatus}, ${result.attempts} attempts)`
      : ''
  return `${MARK[result.status]} ${result.title.padEnd(16)} ${result.message}${flaky} [${result.durationMs} ms]`
}

/** Markdown for the job summary. */
export function renderMarkdown(record: DeployRecord): string {
  const lines = [
    `## ${record.status === 'pass' ? '🟢 Deployment verified' : '🔴 Deployment failed verification'} — ${escapeMd(record.url)}`,
    '',
    `<sub>expected commit ${record.expectedSha?.slice(0, 7) ?? '?'}, served ${record.servedSha?.slice(0, 7) ?? '?'}</sub>`,
    '',
    '| | check | result | attempts | time |',
    '|:-:|---|---|---:|---:|',
    ...record.checks.map(
      (c) =>
        `| ${EMOJI[c.status]} | ${escapeMd(c.title)} | ${escapeMd(c.message)}${c.firstStatus ? ` (first try: ${c.firstStatus})` : ''} | ${c.attempts} | ${c.durationMs} ms |`,
    ),
  ]
  return `${lines.join('\n')}\n`
}

export function renderJunit(record: DeployRecord): string {
  const failures = record.checks.filter((c) => c.status === 'fail').length
  const skipped = record.checks.filter((c) => c.status === 'skip').length
  const cases = record.checks.map((c) => {
    const body =
      c.status === 'fail'
        ? `<failure message="${escapeXml(c.message)}">${escapeXml([c.message, ...c.details].join('\n'))}</failure>`
        : c.status === 'skip'
          ? `<skipped message="${escapeXml(c.message)}"/>`
          : ''
    return `    <testcase classname="deploy-verify" name="${escapeXml(c.title)}" time="${(c.durationMs / 1000).toFixed(3)}">${body}</testcase>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="deploy-verify" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n  <testsuite name="${escapeXml(record.url)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`
}
