// Parallel bindings (same exchange, same destination) are drawn as one edge with a count; a lone binding
// keeps its own edge. Everything that maps a binding to its drawn edge asks here.

import type { BindingDef } from '../../engine/model.ts'
import { bindingEdgeId, bindingGroupEdgeId } from './ids.ts'

/** How many bindings join each (exchange, destination) pair, by the pair's group edge id. */
export function bindingCounts(bindings: readonly BindingDef[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const b of bindings) {
    const group = bindingGroupEdgeId(b)
    counts.set(group, (counts.get(group) ?? 0) + 1)
  }
  return counts
}

/** The id of the edge that draws `b`: its own, or its pair's group edge when the pair has several bindings. */
export function drawnBindingEdgeId(b: BindingDef, counts: ReadonlyMap<string, number>): string {
  const group = bindingGroupEdgeId(b)
  return (counts.get(group) ?? 0) > 1 ? group : bindingEdgeId(b)
}

/** The bindings a group edge draws, in the broker's order. */
export function bindingsOfGroup(bindings: readonly BindingDef[], groupEdgeId: string): BindingDef[] {
  return bindings.filter((b) => bindingGroupEdgeId(b) === groupEdgeId)
}
