// A lesson as a designer document (its topology and its simulated clients as nodes), and whether the
// design on screen is still such a document as it was opened: nothing the learner made would be lost.

import { addBinding, putExchange, putQueue } from '../design/doc-ops.ts'
import { consumerDefOf, producerDefOf } from '../design/sim-specs.ts'
import { emptyDoc, type DesignDoc } from '../design/types.ts'
import type { Lesson } from './lesson-kit.ts'

export function lessonDoc(lesson: Lesson): DesignDoc {
  let doc = emptyDoc()
  for (const e of lesson.exchanges)
    doc = putExchange(doc, {
      name: e.name,
      type: e.type,
      durable: e.durable ?? true,
      autoDelete: false,
      internal: false,
      arguments: e.arguments ?? {},
    })
  for (const q of lesson.queues)
    doc = putQueue(doc, {
      name: q.name,
      durable: q.durable ?? true,
      exclusive: q.exclusive ?? false,
      autoDelete: q.autoDelete ?? false,
      arguments: q.arguments ?? {},
    })
  for (const b of lesson.bindings)
    doc = addBinding(doc, {
      source: b.source,
      destination: b.destination,
      destinationType: 'queue',
      routingKey: b.routingKey ?? '',
      arguments: b.arguments ?? {},
    })
  // A producer the lesson starts runs at its rate from the start; a burst producer fires once it is open.
  for (const spec of lesson.producers)
    doc.producers[spec.id] = producerDefOf(spec, lesson.autostart.includes(spec.id) && !spec.burst)
  for (const spec of lesson.consumers) doc.consumers[spec.id] = consumerDefOf(spec)
  return doc
}

/** JSON with every object's keys in order, so two equal values read the same whoever built them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
}

/** What a learner could have made in a design: its topology and its clients, not where nodes sit or what runs. */
function fingerprint(doc: DesignDoc): string {
  const sorted = <T>(items: T[]) => items.map(canonical).sort()
  return JSON.stringify({
    exchanges: sorted(Object.values(doc.exchanges)),
    queues: sorted(Object.values(doc.queues)),
    bindings: sorted(doc.bindings),
    producers: sorted(Object.values(doc.producers).map(({ running: _running, ...p }) => p)),
    consumers: sorted(Object.values(doc.consumers)),
  })
}

export function sameDesign(a: DesignDoc, b: DesignDoc): boolean {
  return fingerprint(a) === fingerprint(b)
}
