export const HELP = `build-metrics — build records and reports from Shipwatch

Usage
  build-metrics track [options] -- <command...>   run any build command and record it
  build-metrics show [--json]                     print the latest build record

Options
  --mode <production|development>   mode to record and grade against (default: production)
  --out <dir>                       output folder to measure after the command (raw + gzip sizes)
  --history <dir>                   history folder (default: test-artifacts/build-metrics)
  --project <name>                  project name (default: package.json name)
  --brotli                          brotli sizes too (quality 11)
  --json                            machine-readable output
  --quiet                           only warnings and errors
  -h, --help                        this help

Examples
  build-metrics track --out dist -- npm run build
  build-metrics track --mode development -- webpack --mode development
  build-metrics show --json

Exit codes: 0 success (track: the command's own code), 1 a check failed, 2 usage or configuration error.
`
