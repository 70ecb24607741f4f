// Fanout: every bound destination, whatever the routing key.

import type { Binding, BindingTest, RouteCollector, Router } from './router.ts'

export class FanoutRouter implements Router {
  private readonly bindings: Binding[] = []

  add(binding: Binding): void {
    this.bindings.push(binding)
  }

  remove(binding: Binding): void {
    const index = this.bindings.indexOf(binding)
    if (index >= 0) this.bindings.splice(index, 1)
  }

  route(_routingKey: string, _extra: readonly string[] | null, _headers: unknown, out: RouteCollector): number {
    const list = this.bindings
    for (let i = 0; i < list.length; i++) out.add(list[i].target)
    return list.length
  }

  explain(): BindingTest[] {
    return this.bindings.map((binding) => ({
      binding,
      matched: true,
      reason: 'fanout ignores the routing key',
      why: { code: 'fanout' as const },
    }))
  }
}
