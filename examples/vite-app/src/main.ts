import './style.css'
import { formatRelease, releases } from './shared'

const app = document.querySelector<HTMLElement>('#app')!
app.innerHTML = `<h1>Releases</h1><ul>${releases.map((r) => `<li>${formatRelease(r)}</li>`).join('')}</ul>`

document.querySelector('#settings')!.addEventListener('click', async () => {
  // A lazy route: not part of the page's initial load.
  const { renderSettings } = await import('./routes/settings')
  renderSettings(app)
})
