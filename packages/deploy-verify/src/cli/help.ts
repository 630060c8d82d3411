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
  --compare <url>       compare with production: interleaved loads of both, fail when slower beyond the noise or
                        graded lower (--compare-runs <n>, default 7)
  --github-check        report a GitHub check run for the commit (GITHUB_TOKEN with checks: write; --check-name)
  --vercel-check <id>   report a run of the project's Vercel check for the deployment (VERCEL_TOKEN;
                        --deployment-id or VERCEL_DEPLOYMENT_ID); a blocking check holds the promotion until it passes
  --junit <file>        write JUnit XML
  --markdown <file>     write the Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)
  --history-dir <dir>   history folder for the deploy record (default: ${DEFAULT_HISTORY_DIR})
  --history-url <url>   also send the deploy record to this PostgreSQL history (default: SHIPWATCH_HISTORY_URL)
  --no-record           do not write a deploy record
  --json                print the deploy record as JSON
  --rollback-on-fail    roll production back to the previous deployment when verification fails
  -y, --yes             roll back without asking (required outside a terminal)
  -h, --help            this help
  --version             the version

The URL: the argument, else DEPLOY_URL, else url in the config file. Every check runs unless the config sets it to
false; checks of an app convention (health path, build-info, Supabase, migrations) skip with the reason when the site
has none, and a check whose tool is missing (Chromium, html-validate) skips with the install command unless the config
turns it on explicitly (true or options), when it fails instead.

Secrets come from the environment only: VERCEL_AUTOMATION_BYPASS_SECRET (sent to the deployment's own origin, never
printed), VERCEL_TOKEN (the vercel CLI and the Checks API) and GITHUB_TOKEN; none is passed as an argument or printed.

Examples
  deploy-verify https://my-app-git-feat.vercel.app
  deploy-verify "$PREVIEW_URL" --commit "$GITHUB_SHA" --junit reports/deploy.xml
  deploy-verify "$PREVIEW_URL" --compare https://my-app.vercel.app --github-check
  deploy-verify rollback prev --yes

Exit codes: 0 all checks passed, 1 a check failed (or the host's CLI or API did, or a gate could not be reported), 2 usage or configuration error.
A missing vercel CLI is a usage error. DEBUG=1 adds the stack trace to an unexpected error.
`
