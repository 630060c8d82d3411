import type { Attribution, OutputChange } from '../attribution/attribute.js'
import {
  describeChain,
  describeOutputStatus,
  describePackageChange,
  describePackages,
  describePageChange,
  describeSizeChange,
  SMALL_MODULES,
} from '../attribution/describe.js'
import { formatBytes } from '../format/bytes.js'
import { html, type SafeHtml } from './html-template.js'

const OUTPUTS_SHOWN = 20
const MODULES_SHOWN = 12

/** "What changed": pages, each changed output with its modules, packages and import chains; unchanged collapsed. */
export function attributionHtml(a: Attribution): SafeHtml {
  const pages = a.pages.filter((p) => p.delta.size !== 0 || p.before === null || p.after === null)
  const changed = a.outputs.filter((o) => o.status !== 'unchanged')
  const unchanged = a.outputs.filter((o) => o.status === 'unchanged')
  const packages = describePackages(a)
  return html`<h2>What changed</h2>
${pages.length > 0 ? html`<ul>${pages.map((p) => html`<li><b>${describePageChange(p)}</b>${p.outputs.length > 0 ? ` — ${p.outputs.join(', ')}` : ''}</li>`)}</ul>` : null}
${changed.length === 0 ? html`<p>No output changed.</p>` : changed.slice(0, OUTPUTS_SHOWN).map(outputHtml)}
${changed.length > OUTPUTS_SHOWN ? html`<p class="sub">… and ${changed.length - OUTPUTS_SHOWN} more changed outputs (report.json has them all)</p>` : null}
${packages.length > 0 ? html`<ul>${packages.map((line) => html`<li>${line}</li>`)}</ul>` : null}
${unchanged.length > 0 ? html`<details><summary>${unchanged.length} outputs unchanged</summary><ul>${unchanged.map((o) => html`<li>${o.label} <span class="sub">${formatBytes(o.after?.size ?? 0)}</span></li>`)}</ul></details>` : null}
${a.modulesComparable ? null : html`<p class="sub">The baseline recorded no per-module sizes (an older record): module changes are one-sided.</p>`}`
}

function outputHtml(o: OutputChange): SafeHtml {
  const status = describeOutputStatus(o)
  const how = status ? ` — ${status}` : ''
  const source = o.source && o.source !== o.label ? html` <span class="sub">(${o.source})</span>` : null
  const rows = o.modules.slice(0, MODULES_SHOWN).map((m) => {
    const size = (n: number | null) => (n === null ? '—' : formatBytes(n))
    const note = m.before === null ? ' (new)' : m.after === null ? ' (removed)' : ''
    const chain =
      m.chain && m.chain.length > 1
        ? html`<br><span class="sub">imported by ${describeChain(m.chain.slice(0, -1))}</span>`
        : null
    return html`<tr><td>${m.id}${note}${chain}</td><td class="n">${size(m.before)}</td><td class="n">${size(m.after)}</td><td class="n">${formatBytes(m.delta, { signed: true })}</td></tr>`
  })
  if (o.smallModules)
    rows.push(
      html`<tr><td>${SMALL_MODULES}</td><td></td><td></td><td class="n">${formatBytes(o.smallModules, { signed: true })}</td></tr>`,
    )
  return html`<h3 class="output">${o.label}${source}: ${describeSizeChange(o.delta)}${how}</h3>
${rows.length > 0 ? html`<table><tr><th>module (rendered size)</th><th>before</th><th>after</th><th>change</th></tr>${rows}</table>` : null}
${o.modules.length > MODULES_SHOWN ? html`<p class="sub">… ${o.modules.length - MODULES_SHOWN} more modules</p>` : null}
${o.packages.length > 0 ? html`<p>Packages: ${o.packages.map(describePackageChange).join(', ')}</p>` : null}`
}
