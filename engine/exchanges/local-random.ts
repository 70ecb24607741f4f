// x-local-random (RabbitMQ 4.0+): one bound queue on the publisher's node, chosen at random. Warren is one node,
// so any bound queue; the choice comes from a small seeded generator so a run replays the same way.

import type { Binding, BindingTest, RouteCollector, Router } from './router.ts'

export class LocalRandomRouter implements Router {
  private readonly bindings: Binding[] = []
  private state = 0x2545f491

  add(binding: Binding): void {
    this.bindings.push(binding)
  }

  remove(binding: Binding): void {
    const index = this.bindings.indexOf(binding)
    if (index >= 0) this.bindings.splice(index, 1)
  }

  private nextIndex(): number {
    // xorshift32
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state % this.bindings.length
  }

  route(_routingKey: string, _extra: readonly string[] | null, _headers: unknown, out: RouteCollector): number {
    if (this.bindings.length === 0) return 0
    out.add(this.bindings[this.bindings.length === 1 ? 0 : this.nextIndex()].target)
    return 1
  }

  explain(): BindingTest[] {
    return this.bindings.map((binding) => ({
      binding,
      matched: true,
      why: { code: 'random' as const },
      reason: 'x-local-random delivers to one of its bound queues, chosen at random',
    }))
  }
}
