// env-ci ships no types; this is the part of its result we read.
declare module 'env-ci' {
  interface EnvCiResult {
    isCi: boolean
    service?: string
    name?: string
    commit?: string
    build?: string
    buildUrl?: string
    job?: string
    jobUrl?: string
    branch?: string
    isPr?: boolean
    pr?: string | number
    prBranch?: string
    /** `owner/repo` */
    slug?: string
  }
  export default function envCi(options?: {
    env?: NodeJS.ProcessEnv
    cwd?: string
    branch?: string
  }): EnvCiResult
}
