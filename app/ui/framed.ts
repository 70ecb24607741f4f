// The frame-busting check for hosts that cannot send `Content-Security-Policy: frame-ancestors 'none'` (a
// <meta> CSP cannot set frame-ancestors): framed, Warren starts no broker and offers to open in its own tab.

export function isFramed(): boolean {
  try {
    return window.top !== window.self
  } catch {
    return true // a cross-origin parent that even refuses the comparison
  }
}

export const FRAMED_TEXT = 'Warren does not run inside another page. Open it in its own tab:'

export function showFramedNotice(): void {
  const root = document.getElementById('root') ?? document.body
  const p = document.createElement('p')
  p.setAttribute('role', 'alert')
  p.dataset.testid = 'framed-notice'
  p.textContent = `${FRAMED_TEXT} `
  const a = document.createElement('a')
  a.href = location.href
  a.target = '_blank'
  a.rel = 'noopener'
  a.textContent = 'open Warren'
  p.append(a)
  root.replaceChildren(p)
}
