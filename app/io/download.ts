// Downloads made in the page: a Blob and a temporary link, named as the management UI names its exports.

/** rabbit_<host>_<yyyy-mm-dd>.json, as the management UI names a definitions download; Warren is the host. */
/** `host` is the broker's name in the design ("warren" for its first broker), as the management UI names its host. */
export function definitionsFileName(now: Date, vhost: string | null, host = 'warren'): string {
  const day = now.toISOString().slice(0, 10)
  const safeHost = host.replace(/[^\w.-]+/g, '_')
  return vhost === null
    ? `rabbit_${safeHost}_${day}.json`
    : `rabbit_${safeHost}_${vhost === '/' ? 'default_vhost' : vhost.replace(/[^\w.-]+/g, '_')}_${day}.json`
}

export const warrenFileName = (now: Date) => `warren_design_${now.toISOString().slice(0, 10)}.warren.json`
export const diagramFileName = (now: Date, ext: 'svg' | 'png') =>
  `warren_diagram_${now.toISOString().slice(0, 10)}.${ext}`

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const downloadJson = (name: string, value: unknown) =>
  downloadBlob(name, new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' }))
