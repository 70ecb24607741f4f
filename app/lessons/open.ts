// Opens a lesson in the app. The design on screen is kept first (saved whole, listed in File → Recent
// designs, one click away in the lesson panel) unless it is the untouched example or lesson; then the
// broker is emptied, the lesson's topology and clients are put into the design, laid out, and checked live.

import { loadNamespace, t } from '../i18n/index.ts'
import { currentWarrenFile, reopenKeptWarrenFile } from '../io/io-actions.ts'
import { exampleDoc } from '../design/example.ts'
import { autoLayout, commit, getSession } from '../session/actions.ts'
import { askConfirm } from '../session/dialogs.ts'
import { whenMeasured } from '../session/layout-store.ts'
import { burstProducer, consumerAction, setProducerRunning } from '../session/sim-actions.ts'
import { useAppStore } from '../store/index.ts'
import { docOf } from '../store/doc-of.ts'
import { keepDesign, keptDesign } from './kept-designs.ts'
import { lessonDoc, sameDesign } from './lesson-doc.ts'
import type { Lesson, LessonAction } from './lesson-kit.ts'
import { LESSONS, lessonById } from './lessons.ts'
import { LiveCheck } from './live-check.ts'
import { useLessonStore } from './lesson-store.ts'
import { openBrokers, openLinks, runAction, type LessonDriver } from './runner.ts'
import { actionKey, lessonKey } from './texts.ts'
import { whenBrokerHeld } from '../session/broker-hold.ts'

const st = () => useAppStore.getState()
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))
let live: LiveCheck | null = null

/** A producer with a rate starts and stops running; one without (a burst producer) sends its burst. */
async function startProducer(id: string): Promise<void> {
  const def = st().producers[id]
  if (!def) throw new Error(t('lessons:panel.producerGone', { id }))
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
      st().toast('info', t('lessons:panel.restarted'))
    },
    addBroker: async (name) => void (await getSession().client.send({ type: 'brokerAdd', name })),
    management: (broker, request) => getSession().client.send({ type: 'brokerManagement', broker, request }),
    link: async (a, b, change) =>
      live?.sawLinks(await getSession().client.send({ type: 'linkState', a, b, state: change })),
    latency: async (a, b, ms) => void (await getSession().client.send({ type: 'linkLatency', a, b, ms })),
    // The size is set as the lesson opens, before its topology is committed (startLesson).
    clusterSize: () => {},
    cluster: async (step) => {
      const client = getSession().client
      if (step.kind === 'node')
        await client.send({ type: step.action === 'stop' ? 'clusterStop' : 'clusterStart', node: step.node })
      else if (step.kind === 'partition') await client.send({ type: 'clusterPartition', groups: step.groups })
      else await client.send({ type: 'clusterHeal' })
    },
  }
}

/** Whether the design holds something the learner made: not empty, not the example, not a lesson as opened. */
function designWorthKeeping(): boolean {
  const doc = docOf(st())
  const size =
    Object.keys(doc.exchanges).length +
    Object.keys(doc.queues).length +
    Object.keys(doc.producers).length +
    Object.keys(doc.consumers).length
  if (size === 0) return false
  if (sameDesign(doc, exampleDoc())) return false
  return !LESSONS.some((l) => sameDesign(doc, lessonDoc(l)))
}

async function keepCurrentDesign(name: string): Promise<{ id: string; name: string }> {
  const file = await currentWarrenFile()
  const kept = await keepDesign({ name, savedAt: Date.now(), file })
  return { id: kept.id, name: kept.name }
}

const lessonTitle = (lesson: Lesson) => t(lessonKey(lesson.id, 'title'))

/** Opens lesson `id`. With `ask`, a design worth keeping is kept after the user agrees to open the lesson. */
export async function startLesson(id: string, options: { ask: boolean } = { ask: true }): Promise<boolean> {
  await loadNamespace('lessons')
  const lesson = lessonById(id)
  if (!lesson) {
    st().toast('error', t('lessons:open.noLesson', { id }))
    return false
  }
  const keep = designWorthKeeping()
  const name = t('lessons:open.designName', {
    date: new Date().toLocaleString(document.documentElement.lang || undefined),
  })
  if (options.ask && keep) {
    const answer = await askConfirm({
      title: t('lessons:open.askTitle', { title: lessonTitle(lesson) }),
      paragraphs: [t('lessons:open.askBody', { name })],
      confirmLabel: t('lessons:open.confirm'),
    })
    if (!answer) return false
  }
  // The design is kept before anything is deleted; if it cannot be kept, the lesson does not open.
  let returnTo = useLessonStore.getState().returnTo
  if (keep) {
    try {
      returnTo = await keepCurrentDesign(name)
    } catch (error) {
      st().toast('error', t('lessons:open.notKept', { error: errorText(error) }))
      return false
    }
    st().toast('info', t('lessons:open.savedAs', { name }))
  }
  useLessonStore.setState({ lesson, busy: true, error: null, returnTo })
  try {
    live?.stop()
    live = null
    const s = getSession()
    await s.serial(() => s.resetBroker())
    await openBrokers(lesson, appDriver())
    // A cluster lesson opens on its nodes, the others on one: the queues it declares land on rabbit@n1.
    await s.client.send({ type: 'clusterSetSize', size: lesson.nodes ?? 1 })
    const result = await commit(() => lessonDoc(lesson))
    if (!result.ok) throw new Error(result.error ?? t('lessons:open.refused'))
    await openLinks(lesson, appDriver())
    st().clearHistory()
    await whenMeasured(() => st().nodes)
    await autoLayout()
    await getSession().simulation.schedule()
    for (const pid of lesson.autostart) if (!st().producers[pid]?.running) await startProducer(pid)
    live = new LiveCheck(lesson, s.client)
    useLessonStore.setState({ busy: false })
    return true
  } catch (error) {
    useLessonStore.setState({ busy: false, error: errorText(error) })
    st().toast('error', t('lessons:open.failed', { error: errorText(error) }))
    return false
  }
}

export async function playLessonAction(lesson: Lesson, action: LessonAction): Promise<void> {
  useLessonStore.setState({ busy: true })
  try {
    await runAction(action, appDriver())
    await getSession().refresh()
  } catch (error) {
    st().toast(
      'error',
      t('lessons:panel.actionFailed', { action: t(actionKey(lesson.id, action.id)), error: errorText(error) }),
    )
  } finally {
    useLessonStore.setState({ busy: false })
  }
}

/** The challenges are checked afresh from now on. */
export function startChallengesOver(): void {
  live?.startOver()
}

export async function stopLesson(): Promise<void> {
  const lesson = useLessonStore.getState().lesson
  useLessonStore.setState({ lesson: null, error: null })
  live?.stop()
  live = null
  if (!lesson) return
  // Closing the lesson stops its producers; the design stays on the canvas to poke at.
  for (const p of lesson.producers) if (st().producers[p.id]) await setProducerRunning(p.id, false)
}

/** Opens a kept design again, replacing whatever is on screen (a lesson, or another kept design). */
export async function openKeptDesign(id: string): Promise<void> {
  await loadNamespace('lessons')
  const design = await keptDesign(id)
  if (!design) {
    st().toast('error', t('lessons:recent.missing'))
    return
  }
  await stopLesson()
  await reopenKeptWarrenFile(design.file, `“${design.name}”`)
  if (useLessonStore.getState().returnTo?.id === id) useLessonStore.setState({ returnTo: null })
}

/** `?lesson=<id>` opens a lesson once the broker is ready; with `?db=` (a test database) without asking. */
export function openLessonFromUrl(search: string): void {
  const params = new URLSearchParams(search)
  const id = params.get('lesson')
  if (!id) return
  // Queued behind the session's own load of the saved design; a tab that does not hold the broker waits for it.
  void whenBrokerHeld(getSession().client, { kind: 'lesson', id })
    .then(() => getSession().serial(async () => {}))
    .then(() => startLesson(id, { ask: !params.has('db') }))
}
