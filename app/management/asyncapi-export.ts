// Export the vhost on screen as AsyncAPI 3.0: the broker writes the document, with the design's producer and
// consumer nodes as its send and receive operations.

import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import { consumerSpec, producerSpec } from '../design/sim-specs.ts'
import { downloadJson } from '../io/download.ts'
import { getSession } from '../session/actions.ts'
import { useAppStore } from '../store/index.ts'

export const asyncApiFileName = (now: Date, vhost: string) =>
  `asyncapi_${vhost === '/' ? 'default_vhost' : vhost.replace(/[^\w.-]+/g, '_')}_${now.toISOString().slice(0, 10)}.json`

export async function exportAsyncApi(): Promise<string> {
  const s = useAppStore.getState()
  const producers: ProducerSpec[] = []
  const consumers: ConsumerSpec[] = []
  for (const p of Object.values(s.producers))
    if (p.exchange !== null) producers.push(producerSpec({ ...p, exchange: p.exchange }, s.vhost))
  for (const c of Object.values(s.consumers))
    if (c.queue !== null) consumers.push(consumerSpec({ ...c, queue: c.queue }, s.vhost))
  const document = await getSession().client.send({ type: 'asyncapi', vhost: s.vhost, producers, consumers })
  const name = asyncApiFileName(new Date(), s.vhost)
  downloadJson(name, document)
  return name
}
