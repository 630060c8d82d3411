const MS_PER_DAY = 86_400_000

/**
 * `new Date(epochMs).toISOString()` (`2023-11-14T22:13:20.000Z`) for the years 0–9999, without a Date: the first
 * `toISOString` of a process costs ≈ 0.8 ms, and build plugins stamp their records on the build's critical path.
 * Days to calendar date by Howard Hinnant's `civil_from_days`.
 */
export function isoTime(epochMs: number): string {
  const days = Math.floor(epochMs / MS_PER_DAY)
  const msOfDay = epochMs - days * MS_PER_DAY
  const shifted = days + 719_468 // days since 0000-03-01, where the leap day ends each 4-year cycle
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  const hours = Math.floor(msOfDay / 3_600_000)
  const minutes = Math.floor(msOfDay / 60_000) % 60
  const seconds = Math.floor(msOfDay / 1000) % 60
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(msOfDay % 1000, 3)}Z`
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}
