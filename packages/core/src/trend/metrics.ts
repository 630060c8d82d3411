import type { BuildRecord } from '../schema/build-record.js'

/** A number taken from a build record, with how it may be compared. */
export interface MetricValue {
  id: string
  label: string
  /** bytes and counts are deterministic and compared exactly; times are noisy and compared statistically. */
  unit: 'bytes' | 'count' | 'ms'
  value: number
  /** False for what is reported but never a regression: a hook's calls follow the modules, compared already. */
  gated?: false
}

const KINDS = ['js', 'css', 'html', 'image', 'font', 'other'] as const
const TOP_HOOKS = 12

/** Every metric a trend compares: sizes, counts, total and phase times, and per plugin × hook times and calls. */
export function extractMetrics(record: BuildRecord): MetricValue[] {
  const out: MetricValue[] = [
    { id: 'time.total', label: 'build time', unit: 'ms', value: record.durationMs },
    ...record.phases.map((p) => ({
      id: `time.phase.${p.name}`,
      label: `phase ${p.name}`,
      unit: 'ms' as const,
      value: p.durationMs,
    })),
  ]
  const files = record.outputs.filter((o) => o.kind !== 'map')
  const sum = (list: typeof files, key: 'size' | 'gzip') => list.reduce((s, o) => s + (o[key] ?? 0), 0)
  out.push({ id: 'bytes.total', label: 'total size', unit: 'bytes', value: sum(files, 'size') })
  if (record.compression.gzip)
    out.push({ id: 'bytes.total.gzip', label: 'total size (gzip)', unit: 'bytes', value: sum(files, 'gzip') })
  for (const kind of KINDS) {
    const ofKind = files.filter((o) => o.kind === kind)
    if (ofKind.length > 0)
      out.push({ id: `bytes.${kind}`, label: `${kind} size`, unit: 'bytes', value: sum(ofKind, 'size') })
  }
  for (const page of record.pages) {
    out.push({
      id: `bytes.initial.${page.html}`,
      label: `initial load of ${page.html}`,
      unit: 'bytes',
      value: page.initial.gzip ?? page.initial.size,
    })
  }
  out.push({ id: 'count.files', label: 'output files', unit: 'count', value: files.length })
  out.push({ id: 'count.modules', label: 'modules', unit: 'count', value: record.modules.total })
  const hooks = record.plugins
    .flatMap((p) =>
      Object.entries(p.hooks).map(([hook, t]) => ({
        key: `${p.name}#${p.index}.${hook}`,
        label: `${hook} of ${p.name}`,
        t,
      })),
    )
    .sort((a, b) => b.t.totalMs - a.t.totalMs)
    .slice(0, TOP_HOOKS)
  for (const h of hooks) {
    out.push({ id: `time.hook.${h.key}`, label: h.label, unit: 'ms', value: h.t.busyMs })
    out.push({
      id: `count.hook.${h.key}`,
      label: `${h.label} calls`,
      unit: 'count',
      value: h.t.calls,
      gated: false,
    })
  }
  return out
}
