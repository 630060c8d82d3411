import {
  type CheckResult,
  type DeployRecord,
  escapeMarkdown as escapeMd,
  renderJunitSuite,
} from '@shipwatch/core'

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
    '| | check | result | first try | attempts | time |',
    '|:-:|---|---|---|---:|---:|',
    ...record.checks.map(
      (c) =>
        `| ${EMOJI[c.status]} | ${escapeMd(c.title)} | ${escapeMd(c.message)} | ${firstTry(c)} | ${c.attempts} | ${c.durationMs} ms |`,
    ),
  ]
  return `${lines.join('\n')}\n`
}

/** A retry that changed the outcome is what makes a check flaky: say it in words, not only a symbol. */
function firstTry(check: CheckResult): string {
  const first = check.firstStatus ?? check.status
  return first === check.status ? first : `**${first}** → ${check.status} (flaky)`
}

export function renderJunit(record: DeployRecord): string {
  return renderJunitSuite(
    'deploy-verify',
    record.url,
    record.checks.map((c) => ({
      classname: 'deploy-verify',
      name: c.title,
      timeMs: c.durationMs,
      ...(c.status === 'fail'
        ? { failure: { message: c.message, text: [c.message, ...c.details].join('\n') } }
        : {}),
      ...(c.status === 'skip' ? { skipped: c.message } : {}),
    })),
  )
}
