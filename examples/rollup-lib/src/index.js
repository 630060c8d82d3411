import { formatBytes } from './format.js'

/** Sums sizes and prints them the way Shipwatch does (kB = 1000 bytes). */
export function total(sizes) {
  return formatBytes(sizes.reduce((sum, size) => sum + size, 0))
}

export async function loadUnits() {
  return import('./units.js')
}
