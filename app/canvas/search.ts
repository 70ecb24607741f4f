// Search over what the canvas draws: queues and exchanges by name, bindings by key. Pure, for the search box.

import type { BindingDef } from '../../engine/model.ts'
import { bindingCounts, drawnBindingEdgeId } from '../design/binding-groups.ts'
import { exchangeNodeId, queueNodeId } from '../design/ids.ts'

export interface SearchHit {
  kind: 'queue' | 'exchange' | 'binding'
  /** What is shown: the name, or "source → destination" for a binding. */
  label: string
  /** The binding key that matched, for bindings. */
  detail?: string
  /** The node to fly to, or the edge to select for a binding. */
  target: { node: string } | { edge: string; between: [string, string] }
}

export const SEARCH_LIMIT = 30

/** Hits for `query` (case-insensitive substring), names before keys, at most SEARCH_LIMIT of them. */
export function searchCanvas(
  query: string,
  input: { exchanges: readonly string[]; queues: readonly string[]; bindings: readonly BindingDef[] },
  drawn: ReadonlySet<string>,
): SearchHit[] {
  const needle = query.trim().toLowerCase()
  if (!needle) return []
  const hits: SearchHit[] = []
  const add = (hit: SearchHit) => hits.length < SEARCH_LIMIT && hits.push(hit)
  for (const name of input.queues)
    if (name.toLowerCase().includes(needle) && drawn.has(queueNodeId(name)))
      add({ kind: 'queue', label: name, target: { node: queueNodeId(name) } })
  for (const name of input.exchanges)
    if (name.toLowerCase().includes(needle) && drawn.has(exchangeNodeId(name)))
      add({ kind: 'exchange', label: name, target: { node: exchangeNodeId(name) } })
  const counts = bindingCounts(input.bindings)
  for (const b of input.bindings) {
    if (!b.routingKey.toLowerCase().includes(needle)) continue
    const source = exchangeNodeId(b.source)
    const destination = b.destinationType === 'queue' ? queueNodeId(b.destination) : exchangeNodeId(b.destination)
    if (!drawn.has(source) || !drawn.has(destination)) continue
    add({
      kind: 'binding',
      label: `${b.source} → ${b.destination}`,
      detail: b.routingKey,
      target: { edge: drawnBindingEdgeId(b, counts), between: [source, destination] },
    })
  }
  return hits
}
