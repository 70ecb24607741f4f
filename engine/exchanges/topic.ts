// Topic: binding keys are dot-separated words where "*" is exactly one word and "#" zero or more.
// Patterns are compiled into a trie when bound, so routing walks the key's words once per branch.

import type { FieldTable } from '../model.ts'
import type {
  Binding,
  BindingTest,
  Destination,
  RouteCollector,
  Router,
  TargetSink,
  TopicMiss,
  TopicStep,
} from './router.ts'

interface TrieNode {
  children: Map<string, TrieNode> | null
  star: TrieNode | null
  hash: TrieNode | null
  bindings: Binding[]
}

const newNode = (): TrieNode => ({ children: null, star: null, hash: null, bindings: [] })

/** RabbitMQ splits "" into no words at all, and "a..b" into "a", "", "b". */
export function topicWords(key: string): string[] {
  return key === '' ? [] : key.split('.')
}

interface CachedRoute {
  targets: Destination[]
  matched: number
}

/** Routes per routing key are cached until the bindings change; the cache is dropped whole when full. */
const CACHE_LIMIT = 16384

/** Gathers one key's targets for the cache without touching the vhost collector's marks. */
class SetCollector implements TargetSink {
  readonly seen = new Set<Destination>()
  readonly targets: Destination[] = []
  add(target: Destination): void {
    if (this.seen.has(target)) return
    this.seen.add(target)
    this.targets.push(target)
  }
}

export class TopicRouter implements Router {
  private readonly root = newNode()
  private count = 0
  private readonly cache = new Map<string, CachedRoute>()

  add(binding: Binding): void {
    let node = this.root
    for (const word of topicWords(binding.routingKey)) node = child(node, word, true) as TrieNode
    node.bindings.push(binding)
    this.count++
    this.cache.clear()
  }

  remove(binding: Binding): void {
    const path: [TrieNode, string][] = []
    let node: TrieNode | null = this.root
    for (const word of topicWords(binding.routingKey)) {
      const next: TrieNode | null = child(node, word, false)
      if (!next) return
      path.push([node, word])
      node = next
    }
    const index = node.bindings.indexOf(binding)
    if (index < 0) return
    node.bindings.splice(index, 1)
    this.count--
    this.cache.clear()
    for (let i = path.length - 1; i >= 0 && isEmpty(node); i--) {
      const [parent, word] = path[i]
      detach(parent, word)
      node = parent
    }
  }

  route(
    routingKey: string,
    extraKeys: readonly string[] | null,
    _headers: FieldTable | undefined,
    out: RouteCollector,
  ): number {
    if (this.count === 0) return 0
    let hit = this.cache.get(routingKey)
    if (hit === undefined) {
      const c = new SetCollector()
      const m = match(this.root, topicWords(routingKey), 0, c)
      hit = { targets: c.targets, matched: m }
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear()
      this.cache.set(routingKey, hit)
    }
    const targets = hit.targets
    for (let i = 0; i < targets.length; i++) out.add(targets[i])
    let matched = hit.matched
    if (extraKeys) for (const key of extraKeys) matched += match(this.root, topicWords(key), 0, out)
    return matched
  }

  explain(routingKeys: readonly string[]): BindingTest[] {
    const tests: BindingTest[] = []
    collect(this.root, (binding) => {
      let result: BindingTest | null = null
      for (const key of routingKeys) {
        const steps = topicMatchSteps(topicWords(binding.routingKey), topicWords(key))
        if (steps) {
          result = {
            binding,
            matched: true,
            reason: `"${binding.routingKey}" matches "${key}": ${steps.map(stepText).join(', ')}`,
            why: { code: 'topic-match', pattern: binding.routingKey, key, steps },
          }
          break
        }
      }
      if (!result) {
        const misses = routingKeys.map((key) => topicMiss(binding.routingKey, key))
        result = {
          binding,
          matched: false,
          reason: misses.map(missText).join('; '),
          why: { code: 'topic-miss', misses },
        }
      }
      tests.push(result)
    })
    return tests
  }
}

function child(node: TrieNode, word: string, create: boolean): TrieNode | null {
  if (word === '*') return node.star ?? (create ? (node.star = newNode()) : null)
  if (word === '#') return node.hash ?? (create ? (node.hash = newNode()) : null)
  let next = node.children?.get(word) ?? null
  if (!next && create) {
    next = newNode()
    ;(node.children ??= new Map()).set(word, next)
  }
  return next
}

function detach(parent: TrieNode, word: string): void {
  if (word === '*') parent.star = null
  else if (word === '#') parent.hash = null
  else parent.children?.delete(word)
}

function isEmpty(node: TrieNode): boolean {
  return node.bindings.length === 0 && !node.star && !node.hash && (!node.children || node.children.size === 0)
}

/** Returns the number of binding hits (a binding reached twice through "#" counts twice; only zero matters). */
function match(node: TrieNode, words: string[], i: number, out: TargetSink): number {
  let matched = 0
  if (node.hash) for (let j = i; j <= words.length; j++) matched += match(node.hash, words, j, out)
  if (i === words.length) {
    const list = node.bindings
    for (let k = 0; k < list.length; k++) out.add(list[k].target)
    return matched + list.length
  }
  const next = node.children?.get(words[i])
  if (next) matched += match(next, words, i + 1, out)
  if (node.star) matched += match(node.star, words, i + 1, out)
  return matched
}

function collect(node: TrieNode, visit: (b: Binding) => void): void {
  for (const b of node.bindings) visit(b)
  if (node.children) for (const c of node.children.values()) collect(c, visit)
  if (node.star) collect(node.star, visit)
  if (node.hash) collect(node.hash, visit)
}

/** Word-by-word account of how a pattern matches a key, or null when it does not. */
function topicMatchSteps(pattern: string[], words: string[], p = 0, w = 0): TopicStep[] | null {
  if (p === pattern.length) return w === words.length ? [] : null
  const part = pattern[p]
  if (part === '#') {
    for (let take = 0; w + take <= words.length; take++) {
      const rest = topicMatchSteps(pattern, words, p + 1, w + take)
      if (rest) return [{ kind: 'hash', words: words.slice(w, w + take) }, ...rest]
    }
    return null
  }
  if (w === words.length) return null
  if (part === '*') {
    const rest = topicMatchSteps(pattern, words, p + 1, w + 1)
    return rest ? [{ kind: 'star', word: words[w] }, ...rest] : null
  }
  if (part !== words[w]) return null
  const rest = topicMatchSteps(pattern, words, p + 1, w + 1)
  return rest ? [{ kind: 'word', part, word: words[w] }, ...rest] : null
}

function stepText(step: TopicStep): string {
  if (step.kind === 'hash')
    return `"#" took ${step.words.length === 0 ? 'no words' : step.words.map((x) => `"${x}"`).join('.')}`
  if (step.kind === 'star') return `"*" took "${step.word}"`
  return `"${step.part}" = "${step.word}"`
}

function topicMiss(pattern: string, key: string): TopicMiss {
  const p = topicWords(pattern)
  const w = topicWords(key)
  for (let i = 0; i < Math.min(p.length, w.length); i++) {
    if (p[i] === '#') break
    if (p[i] !== '*' && p[i] !== w[i]) return { kind: 'word', key, index: i + 1, word: w[i], wants: p[i] }
  }
  return { kind: 'length', key, pattern, count: w.length }
}

function missText(miss: TopicMiss): string {
  if (miss.kind === 'word')
    return `word ${miss.index} of "${miss.key}" is "${miss.word}", the pattern wants "${miss.wants}"`
  return `"${miss.pattern}" cannot cover the ${miss.count} word${miss.count === 1 ? '' : 's'} of "${miss.key}"`
}
