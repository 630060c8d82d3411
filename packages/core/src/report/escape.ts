/** Text for HTML element content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )
}

/** Text for a GitHub-flavoured Markdown table cell: HTML escaped (GitHub renders inline HTML), pipes and newlines too. */
export function escapeMarkdown(text: unknown): string {
  return escapeHtml(text)
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
    .replace(/([`*_[\]])/g, '\\$1')
}

export function escapeXml(text: unknown): string {
  return escapeHtml(text).replace(/&#39;/g, '&apos;')
}
