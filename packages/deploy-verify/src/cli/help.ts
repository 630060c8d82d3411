import { DEFAULT_HISTORY_DIR } from '@shipwatch/core'

export const HELP = `deploy-verify — is this deployment the build we just made, and does it work?

Usage
  deploy-verify [url] [options]
  deploy-verify rollback list | current | prev | to <url|id> | status [--yes] [--json]

Options
  -c, --config <file>   config file (default: deploy-verify.config.{ts,mts,js,mjs,json})
  --commit <sha>        commit the deployment must serve (default: VERCEL_GIT_COMMIT_SHA, else git HEAD)
  --timeout <ms>        per-check attempt timeout (default 10000)
  --retries <n>         retries of a failed check (default 2)
  --junit <file>        write JUnit XML
  --markdown <file>     write the Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)
  --history-dir <dir>   history folder for the deploy record (default: ${DEFAULT_HISTORY_DIR})
  --no-record           do not write a deploy record
  --json                print the deploy record as JSON
  --rollback-on-fail    roll production back to the previous deployment when verification fails
  -y, --yes             roll back without asking (required outside a terminal)
  -h, --help            this help
  --version             the version

Secrets come from the environment only: VERCEL_AUTOMATION_BYPASS_SECRET (sent to the deployment's own origin, never
printed) and VERCEL_TOKEN (read by the vercel CLI; never passed as an argument).

Examples
  deploy-verify https://my-app-git-feat.vercel.app
  deploy-verify "$PREVIEW_URL" --commit "$GITHUB_SHA" --junit reports/deploy.xml
  deploy-verify rollback prev --yes

Exit codes: 0 all checks passed, 1 a check failed (or the hosting provider's CLI did), 2 usage or configuration error.
`
