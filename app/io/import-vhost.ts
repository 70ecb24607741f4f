// Which vhost the canvas shows after an import: the one holding the file's exchanges and queues, so a file
// whose entities all live in 'prod' is not drawn onto an empty '/'.

/** Exchanges and queues of a whole-broker definitions file, counted per vhost (a missing vhost is '/'). */
export function entitiesByVhost(doc: unknown): Map<string, number> {
  const counts = new Map<string, number>()
  if (typeof doc !== 'object' || doc === null) return counts
  for (const field of ['exchanges', 'queues'] as const) {
    const list = (doc as Record<string, unknown>)[field]
    if (!Array.isArray(list)) continue
    for (const item of list) {
      const vhost = typeof item?.vhost === 'string' ? item.vhost : '/'
      counts.set(vhost, (counts.get(vhost) ?? 0) + 1)
    }
  }
  return counts
}

/** The vhost to switch to, or null to stay: stay when the shown vhost holds some of the file, else the fullest. */
export function vhostToShow(counts: ReadonlyMap<string, number>, shown: string): string | null {
  if ((counts.get(shown) ?? 0) > 0) return null
  let best: string | null = null
  let most = 0
  for (const [vhost, n] of counts)
    if (n > most) {
      best = vhost
      most = n
    }
  return best
}
