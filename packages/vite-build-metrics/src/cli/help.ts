import { DEFAULT_HISTORY_DIR } from '@shipwatch/core'

export const HELP = `build-metrics — build records and reports from Shipwatch

Usage
  build-metrics track [options] -- <command...>   run any build command and record it
  build-metrics show [--json]                     print the latest build record
  build-metrics report [options]                  write report.html, report.md, pr-comment.md, report.json
  build-metrics diff <a> <b> [--format f]         what changed from build a to build b: outputs, modules, packages
  build-metrics db migrate | status               a PostgreSQL history: apply the SQL migrations, or list pending ones
  build-metrics history import <file.jsonl>       a history file into the database (idempotent by record id)
  build-metrics history export [--out file]       the database as JSON Lines
  build-metrics history sync                      send the records a build could not (unsent.jsonl)

Options
  --mode <production|development>   mode to record and grade against (default: production)
  --out <dir>                       track: output folder to measure; report: where reports go
  --history-dir <dir>               history folder (default: ${DEFAULT_HISTORY_DIR})
  --history-url <postgres://…>      the history database (default: SHIPWATCH_HISTORY_URL); show, report and diff read it
  --project <name>                  project name (default: package.json name); with a database, filters by it
  --repository <owner/repo>         with a database: only this repository's records
  --brotli                          brotli sizes too (quality 11)
  --base <ref>                      report: compare with the build of the merge-base of HEAD and <ref>
  --fail-on-regression              report: exit 1 on a regression (also writes junit.xml)
  --junit                           report: write junit.xml
  --format <text|markdown|json>     diff: output format (default: text)
  --json                            machine-readable output
  --quiet                           only warnings and errors
  -h, --help                        this help
  --version                         the version

Examples
  build-metrics track --out dist -- npm run build
  build-metrics track --mode development -- webpack --mode development
  build-metrics show --json
  build-metrics report --base origin/main --fail-on-regression
  build-metrics diff main latest          (a build: record id, commit sha, branch, latest or baseline)
  build-metrics diff 1a2b3c4 baseline --format markdown

Exit codes: 0 success (track: the command's own code), 1 a regression with --fail-on-regression or no build to show, 2 usage or configuration error (a bad flag, a history folder that is missing or unreadable).
With a database: 1 when it is unreachable, refuses, or has pending migrations (db status).
`
