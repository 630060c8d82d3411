import type { BudgetOutcome } from '@shipwatch/core/build'

// Workflow-command escaping, as GitHub's toolkit does it: data escapes % \r \n; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** `::error title=…::…` lines for failures and `::warning` for warnings, when running in GitHub Actions. */
export function githubAnnotations(outcomes: BudgetOutcome[]): string[] {
  return outcomes
    .filter((o) => o.status === 'fail' || o.status === 'warn')
    .map((o) => {
      const level = o.status === 'fail' ? 'error' : 'warning'
      return `::${level} title=${escapeProperty(`Budget: ${o.rule}`)}::${escapeData([o.message, ...o.details].join('\n'))}`
    })
}
