// Opens a lesson in the app: resets the broker (asking first when the design has content), puts the
// lesson's topology and its simulated producers and consumers into the design, so they are drawn on the
// canvas and run by the same simulation sync as any node, lays it out, then fires its opening bursts.

import { create } from 'zustand'
import { addBinding, putExchange, putQueue } from '../design/doc-ops.ts'
import { consumerDefOf, producerDefOf } from '../design/sim-specs.ts'
import { emptyDoc, type DesignDoc } from '../design/types.ts'
import { autoLayout, commit, getSession } from '../session/actions.ts'
import { confirmReplace } from '../io/replace-guard.ts'
import { whenMeasured } from '../session/layout-store.ts'
import { burstProducer, consumerAction, setProducerRunning } from '../session/sim-actions.ts'
import { useAppStore } from '../store/index.ts'
import type { Lesson, LessonAction } from './lessons.ts'
import { anyLessonById } from './catalogue.ts'
import { runAction, type LessonDriver } from './runner.ts'

interface LessonState {
  lesson: Lesson | null
  busy: boolean
  error: string | null
}
export const useLessonStore = create<LessonState>(() => ({ lesson: null, busy: false, error: null }))

const st = () => useAppStore.getState()
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

function lessonDoc(lesson: Lesson): DesignDoc {
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
      exclusive: false,
      autoDelete: false,
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

/** A producer with a rate starts and stops running; one without (a burst producer) sends its burst. */
async function startProducer(id: string): Promise<void> {
  const def = st().producers[id]
  if (!def) throw new Error(`the producer '${id}' is no longer on the canvas`)
  if (def.rate > 0) await setProducerRunning(id, true)
  else await burstProducer(id)
}

/** The lesson's buttons act on its nodes; its topology and clients are already in the design. */
function appDriver(): LessonDriver {
  return {
    exchange: () => {},
    queue: () => {},
    bind: () => {},
    setProducer: () => {},
    setConsumer: () => {},
    producer: (id, action) => (action === 'start' ? startProducer(id) : setProducerRunning(id, false)),
    consumer: (id, action) => consumerAction(id, action),
    restart: async () => {
      await getSession().client.restart()
      st().toast('info', 'The broker restarted')
    },
    cluster: async (step) => {
      const client = getSession().client
      if (step.kind === 'node')
        await client.send({ type: step.action === 'stop' ? 'clusterStop' : 'clusterStart', node: step.node })
      else if (step.kind === 'partition') await client.send({ type: 'clusterPartition', groups: step.groups })
      else await client.send({ type: 'clusterHeal' })
    },
  }
}

/** Opens lesson `id`. With `ask`, a design with content is only replaced after the user agrees. */
export async function startLesson(id: string, options: { ask: boolean } = { ask: true }): Promise<boolean> {
  const lesson = anyLessonById(id)
  if (!lesson) {
    st().toast('error', `No lesson '${id}'`)
    return false
  }
  if (options.ask && !(await confirmReplace(`Open the lesson “${lesson.title}”?`, 'Open lesson'))) return false
  useLessonStore.setState({ lesson, busy: true, error: null })
  try {
    const s = getSession()
    await s.serial(() => s.resetBroker())
    // A cluster lesson opens on its nodes, the others on one: the queues it declares land on rabbit@n1.
    await s.client.send({ type: 'clusterSetSize', size: lesson.nodes ?? 1 })
    const result = await commit(() => lessonDoc(lesson))
    if (!result.ok) throw new Error(result.error ?? 'the topology was refused')
    st().clearHistory()
    await whenMeasured(() => st().nodes)
    await autoLayout()
    await getSession().simulation.schedule()
    for (const id of lesson.autostart) if (!st().producers[id]?.running) await startProducer(id)
    useLessonStore.setState({ busy: false })
    return true
  } catch (error) {
    useLessonStore.setState({ busy: false, error: errorText(error) })
    st().toast('error', `The lesson could not open: ${errorText(error)}`)
    return false
  }
}

export async function playLessonAction(action: LessonAction): Promise<void> {
  try {
    await runAction(action, appDriver())
    await getSession().refresh()
  } catch (error) {
    st().toast('error', `${action.label}: ${errorText(error)}`)
  }
}

export async function stopLesson(): Promise<void> {
  const lesson = useLessonStore.getState().lesson
  useLessonStore.setState({ lesson: null, error: null })
  if (!lesson) return
  // Closing the lesson stops its producers; the design stays on the canvas to poke at.
  for (const p of lesson.producers) await setProducerRunning(p.id, false)
}

/** `?lesson=<id>` opens a lesson once the broker is ready; with `?db=` (a test database) without asking. */
export function openLessonFromUrl(search: string): void {
  const params = new URLSearchParams(search)
  const id = params.get('lesson')
  if (!id) return
  const client = getSession().client
  let done = false
  const go = () => {
    if (done) return
    done = true
    // queued behind the session's own load of the saved design
    void getSession()
      .serial(async () => {})
      .then(() => startLesson(id, { ask: !params.has('db') }))
  }
  if (client.state.kind === 'ready') go()
  else {
    const off = client.onState((state) => {
      if (state.kind === 'ready') {
        off()
        go()
      }
    })
  }
}
