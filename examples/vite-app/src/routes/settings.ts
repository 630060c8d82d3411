export function renderSettings(target: HTMLElement): void {
  target.innerHTML = '<h1>Settings</h1><label><input type="checkbox" /> Email me when a budget fails</label>'
}
