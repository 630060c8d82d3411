export interface Release {
  version: string
  date: string
  notes: string
}

export const releases: Release[] = [
  { version: '1.2.0', date: '2026-11-20', notes: 'Budgets per page' },
  { version: '1.1.0', date: '2026-11-02', notes: 'Deploy verification' },
  { version: '1.0.0', date: '2026-10-15', notes: 'First release' },
]

export function formatRelease(release: Release): string {
  return `${release.version} (${release.date}): ${release.notes}`
}
