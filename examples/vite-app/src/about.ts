import './style.css'
import { formatRelease, releases } from './shared'

const about = document.querySelector<HTMLElement>('#about')!
about.innerHTML = `<h1>About</h1><p>Latest: ${formatRelease(releases[0]!)}</p>`
