// What the run controls on producer and consumer nodes do. Starting and stopping a producer is part of
// the saved design (a reload or restart resumes it) but not an undo step; the rest only touches the broker.

import { useAppStore } from '../store/index.ts'
import { getSession } from './actions.ts'
import type { ConsumerAction } from './simulation-sync.ts'

/** Starts or stops a producer node at its rate; resolves once the broker's simulation follows. */
export async function setProducerRunning(id: string, running: boolean): Promise<void> {
  const { producers, setDesign } = useAppStore.getState()
  const def = producers[id]
  if (!def || def.running === running) return
  setDesign({ producers: { ...producers, [id]: { ...def, running } } })
  await getSession().simulation.schedule()
}

export const burstProducer = (id: string) => getSession().simulation.burst(id)

export const consumerAction = (id: string, action: ConsumerAction, factor?: number) =>
  getSession().simulation.consumer(id, action, factor)
