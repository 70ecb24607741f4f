// What every exchange type provides: bindings compiled when added, routing that only reads them.

import type { BindingDef, FieldTable } from '../model.ts'

/** A queue or exchange a binding points at. `routeMark` lets one routing pass count each target once. */
export interface Destination {
  readonly kind: 'queue' | 'exchange'
  readonly name: string
  routeMark: number
}

export interface Binding extends BindingDef {
  readonly target: Destination
}

/** Anything a router can hand matched targets to. */
export interface TargetSink {
  add(target: Destination): void
}

/** Collects the targets of one routing pass; a target already marked with this pass's epoch is skipped. */
export class RouteCollector implements TargetSink {
  epoch = 0
  readonly targets: Destination[] = []

  begin(): void {
    this.epoch++
    while (this.targets.length > 0) this.targets.pop()
  }

  add(target: Destination): void {
    if (target.routeMark === this.epoch) return
    target.routeMark = this.epoch
    this.targets.push(target)
  }
}

/** Why one binding matched or not, for the explain view. */
export interface BindingTest {
  binding: BindingDef
  matched: boolean
  reason: string
}

export interface Router {
  add(binding: Binding): void
  remove(binding: Binding): void
  /**
   * Adds every target whose binding matches one of the routing keys (CC/BCC included) and returns how many
   * bindings matched, counting targets already collected: zero is what sends a message to the alternate exchange.
   */
  route(
    routingKey: string,
    extraKeys: readonly string[] | null,
    headers: FieldTable | undefined,
    out: RouteCollector,
  ): number
  explain(routingKeys: readonly string[], headers: FieldTable | undefined): BindingTest[]
}
