import { DEFAULT_HISTORY_DIR } from '@shipwatch/core'

export const HELP = `bundle-budget — budgets for a build output folder (any framework)

Usage
  bundle-budget check [dir]          check dir (default: dist) against the configured budgets

Options
  -c, --config <file>     config file (default: bundle-budget.config.{ts,mts,js,mjs,json})
  --history-dir <dir>     history folder for relative budgets (default: ${DEFAULT_HISTORY_DIR})
  --base-branch <name>    branch whose latest build is the baseline (default: main)
  --junit <file>          also write JUnit XML
  --json                  machine-readable results
  --fail-on-warning       exit 1 on warnings too
  --verbose               list passing rules too
  --quiet                 only problems
  -h, --help              this help
  --version               the version

Examples
  bundle-budget check dist
  bundle-budget check build --junit reports/budgets.xml
  bundle-budget check --json | jq '.outcomes[] | select(.status != "pass")'

Exit codes: 0 all budgets pass, 1 a budget failed, 2 usage or configuration error (a bad flag or config, a folder that cannot be read).
`
