import type { BuildRecord } from '../schema/build-record.js'
import { type Baseline, branchOf, chooseBaseline } from './find-baseline.js'

/** What a `diff` argument may name. */
export const BUILD_REF_FORMS = 'a record id, a commit sha (7+ characters), a branch name, latest or baseline'

/**
 * Finds the build a reference names among `builds` (oldest first): `latest`; `baseline` (the latest build's, by the
 * one baseline rule); a record id; a branch name (its newest build); a commit sha or a prefix of 7+ hex characters
 * (its newest build). Null when nothing matches.
 */
export function resolveBuildRef(
  builds: readonly BuildRecord[],
  ref: string,
  options: { defaultBranch?: string } = {},
): BuildRecord | null {
  const newest = (where: (r: BuildRecord) => boolean) => builds.findLast(where) ?? null
  if (ref === 'latest') return builds.at(-1) ?? null
  if (ref === 'baseline') return baselineOfLatest(builds, options)?.record ?? null
  return (
    newest((r) => r.id === ref) ??
    newest((r) => branchOf(r) === ref) ??
    (/^[0-9a-f]{7,64}$/i.test(ref) ? newest((r) => r.git.sha?.startsWith(ref.toLowerCase()) === true) : null)
  )
}

function baselineOfLatest(
  builds: readonly BuildRecord[],
  options: { defaultBranch?: string },
): Baseline | null {
  const latest = builds.at(-1)
  if (!latest) return null
  const earlier = builds.slice(0, -1)
  return chooseBaseline(latest, (where) => earlier.findLast(where) ?? null, options)
}
