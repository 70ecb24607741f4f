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

/** One word of a topic match: what "#", "*" or a literal word of the pattern took from the key. */
export type TopicStep =
  | { kind: 'hash'; words: string[] }
  | { kind: 'star'; word: string }
  | { kind: 'word'; part: string; word: string }

/** Why a topic pattern misses one key: a word that differs, or a pattern that cannot cover the key's length. */
export type TopicMiss =
  | { kind: 'word'; key: string; index: number; word: string; wants: string }
  | { kind: 'length'; key: string; pattern: string; count: number }

/** How one header of a headers binding compared. */
export type HeaderCheck =
  | { key: string; state: 'missing' | 'present' }
  | { key: string; state: 'compared'; actual: string; expected: string; same: boolean }

/** `reason` as data, so a screen can word it in its own language. */
export type VerdictWhy =
  | { code: 'default-exchange'; queue: string; exists: boolean }
  | { code: 'direct'; bindingKey: string; keys: string[] }
  | { code: 'fanout' }
  | { code: 'topic-match'; pattern: string; key: string; steps: TopicStep[] }
  | { code: 'topic-miss'; misses: TopicMiss[] }
  | { code: 'headers'; mode: string; checks: HeaderCheck[] }
  | { code: 'plugin'; type: string }
  | { code: 'ring'; chosen: boolean; weight: string } // x-consistent-hash
  | { code: 'modulus'; chosen: boolean; bindings: number } // x-modulus-hash
  | { code: 'random' } // x-local-random

/** Why one binding matched or not, for the explain view. */
export interface BindingTest {
  binding: BindingDef
  matched: boolean
  reason: string
  why: VerdictWhy
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
