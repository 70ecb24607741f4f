// Direct: the routing key equals the binding key, byte for byte.

import type { FieldTable } from '../model.ts'
import type { Binding, BindingTest, RouteCollector, Router } from './router.ts'

export class DirectRouter implements Router {
  private readonly byKey = new Map<string, Binding[]>()

  add(binding: Binding): void {
    const list = this.byKey.get(binding.routingKey)
    if (list) list.push(binding)
    else this.byKey.set(binding.routingKey, [binding])
  }

  remove(binding: Binding): void {
    const list = this.byKey.get(binding.routingKey)
    if (!list) return
    const index = list.indexOf(binding)
    if (index >= 0) list.splice(index, 1)
    if (list.length === 0) this.byKey.delete(binding.routingKey)
  }

  route(
    routingKey: string,
    extraKeys: readonly string[] | null,
    _headers: FieldTable | undefined,
    out: RouteCollector,
  ): number {
    let matched = 0
    const list = this.byKey.get(routingKey)
    if (list) {
      for (let i = 0; i < list.length; i++) out.add(list[i].target)
      matched = list.length
    }
    if (extraKeys) for (const key of extraKeys) matched += this.route(key, null, undefined, out)
    return matched
  }

  explain(routingKeys: readonly string[]): BindingTest[] {
    const tests: BindingTest[] = []
    for (const list of this.byKey.values()) {
      for (const binding of list) {
        const matched = routingKeys.includes(binding.routingKey)
        tests.push({
          binding,
          matched,
          reason: matched
            ? `routing key equals binding key "${binding.routingKey}"`
            : `binding key "${binding.routingKey}" differs from ${routingKeys.map((k) => `"${k}"`).join(', ')}`,
          why: { code: 'direct', bindingKey: binding.routingKey, keys: [...routingKeys] },
        })
      }
    }
    return tests
  }
}
