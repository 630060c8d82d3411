import { escapeHtml } from './escape.js'

const TAG_ONLY = Symbol('made by the html tag')

/** Markup that is already safe: only the `html` tag below can make one, so a plain string is always text. */
export class SafeHtml {
  readonly #markup: string
  constructor(token: typeof TAG_ONLY, markup: string) {
    if (token !== TAG_ONLY) throw new TypeError('SafeHtml is made by the html tag only')
    this.#markup = markup
  }
  toString(): string {
    return this.#markup
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[]

/**
 * Escapes by construction: every interpolated value is text (escaped) unless it is SafeHtml made by this tag;
 * arrays are joined, null, undefined and false render nothing. `html\`<td class="${status}">${message}</td>\``
 * cannot inject markup or attributes whatever `status` and `message` hold.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!
  })
  return new SafeHtml(TAG_ONLY, out)
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString()
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(value)
}
