// x-consistent-hash (plugin): each binding's key is a weight (an integer); a key's hash falls on a ring where
// each binding holds as many points as its weight, so one routing key always reaches the same queue.

import { keyHash } from './key-hash.ts'
import type { Binding, BindingTest, RouteCollector, Router } from './router.ts'

interface Point {
  at: number
  binding: Binding
}

export class ConsistentHashRouter implements Router {
  private readonly bindings: Binding[] = []
  private ring: Point[] = []

  add(binding: Binding): void {
    this.bindings.push(binding)
    this.rebuild()
  }

  remove(binding: Binding): void {
    const index = this.bindings.indexOf(binding)
    if (index >= 0) this.bindings.splice(index, 1)
    this.rebuild()
  }

  private rebuild(): void {
    const ring: Point[] = []
    for (const binding of this.bindings) {
      const weight = Number.parseInt(binding.routingKey, 10)
      const points = Number.isInteger(weight) && weight > 0 ? weight : 1
      for (let i = 0; i < points; i++) ring.push({ at: keyHash(`${binding.destination}\u0000${i}`), binding })
    }
    this.ring = ring.sort((a, b) => a.at - b.at)
  }

  private pick(routingKey: string): Binding | undefined {
    if (this.ring.length === 0) return undefined
    const hash = keyHash(routingKey)
    for (const point of this.ring) if (point.at >= hash) return point.binding
    return this.ring[0].binding
  }

  route(routingKey: string, _extra: readonly string[] | null, _headers: unknown, out: RouteCollector): number {
    const binding = this.pick(routingKey)
    if (!binding) return 0
    out.add(binding.target)
    return 1
  }

  explain(routingKeys: readonly string[]): BindingTest[] {
    const chosen = this.pick(routingKeys[0] ?? '')
    return this.bindings.map((binding) => ({
      binding,
      matched: binding === chosen,
      why: { code: 'ring' as const, chosen: binding === chosen, weight: binding.routingKey },
      reason:
        binding === chosen
          ? `the routing key's hash falls on this binding's part of the ring (weight ${binding.routingKey})`
          : "the routing key's hash falls on another binding's part of the ring",
    }))
  }
}
