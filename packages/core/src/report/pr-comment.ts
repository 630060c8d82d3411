/** GitHub's limit on a comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536

/** The first line of every Shipwatch PR comment: how a workflow finds the comment to update. */
export const PR_COMMENT_MARKER = '<!-- shipwatch:build-report -->'

export interface PrCommentOptions {
  /** Where the whole report is (the workflow run's artifacts), linked when the comment is cut. */
  artifactUrl?: string | null
  /** @default 65,536 (GitHub's limit) */
  maxChars?: number
}

/**
 * report.md as a PR comment: the marker, then the report, cut at a line boundary to fit GitHub's limit, with the
 * `<details>` left open closed and a link to the full report. JS string length counts UTF-16 units, never fewer than
 * GitHub's characters, so the cut is on the safe side.
 */
export function renderPrComment(markdown: string, options: PrCommentOptions = {}): string {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT
  const whole = `${PR_COMMENT_MARKER}\n${markdown}`
  if (whole.length <= max) return whole
  const link = options.artifactUrl
    ? `[the workflow run's artifacts](${options.artifactUrl})`
    : "the workflow run's artifacts"
  const footer = `\n\n---\n✂️ Cut to fit a GitHub comment: the whole report (report.md, report.html) is in ${link}.\n`
  const lines = whole.split('\n')
  const kept: string[] = []
  let length = 0
  let open = 0
  for (const line of lines) {
    const closing = '\n</details>'.repeat(open + (line.startsWith('<details') ? 1 : 0))
    if (length + line.length + 1 + closing.length + footer.length > max) break
    kept.push(line)
    length += line.length + 1
    if (line.startsWith('<details')) open++
    if (line.startsWith('</details>')) open = Math.max(0, open - 1)
  }
  return `${kept.join('\n')}${'\n</details>'.repeat(open)}${footer}`
}

/** The link to a GitHub Actions run (where its artifacts are listed), from the runner's environment. */
export function actionsRunUrl(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env
  if (!GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID) return null
  if (
    !/^https:\/\/[\w.-]+$/.test(GITHUB_SERVER_URL) ||
    !/^[\w.-]+\/[\w.-]+$/.test(GITHUB_REPOSITORY) ||
    !/^\d+$/.test(GITHUB_RUN_ID)
  )
    return null
  return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`
}
