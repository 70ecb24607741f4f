// x-modulus-hash (RabbitMQ 4.3): the routing key's hash modulo the number of bindings picks one binding.

import { keyHash } from './key-hash.ts'
import type { Binding, BindingTest, RouteCollector, Router } from './router.ts'

export class ModulusHashRouter implements Router {
  private readonly bindings: Binding[] = []

  add(binding: Binding): void {
    this.bindings.push(binding)
  }

  remove(binding: Binding): void {
    const index = this.bindings.indexOf(binding)
    if (index >= 0) this.bindings.splice(index, 1)
  }

  private pick(routingKey: string): Binding | undefined {
    if (this.bindings.length === 0) return undefined
    return this.bindings[keyHash(routingKey) % this.bindings.length]
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
      why: { code: 'modulus' as const, chosen: binding === chosen, bindings: this.bindings.length },
      reason:
        binding === chosen
          ? `the routing key's hash modulo ${this.bindings.length} bindings picks this one`
          : 'another binding was picked by the hash',
    }))
  }
}
