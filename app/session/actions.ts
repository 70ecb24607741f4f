// What the user does, as document edits run through the session: every edit is undoable.

import type { Connection } from '@xyflow/react'
import type { ExchangeType } from '../../engine/model.ts'
import { copyNodes, pasteNodes } from '../design/clipboard.ts'
import { applyConnection, checkAnswer, judgeConnection, type ConnectIntent } from '../design/connect-rules.ts'
import {
  nameTaken,
  putExchange,
  putQueue,
  removeEdges,
  removeNodes,
  uniqueName,
  withPosition,
} from '../design/doc-ops.ts'
import { diffTopology } from '../design/graph-to-commands.ts'
import { exchangeNodeId, nodeId, parseEdgeId, parseNodeId, queueNodeId } from '../design/ids.ts'
import { exampleDoc } from '../design/example.ts'
import { newConsumer, newProducer } from '../design/sim-specs.ts'
import type { DesignDoc, NodeKind, XY } from '../design/types.ts'
import { docOf } from '../store/doc-of.ts'
import { useAppStore } from '../store/index.ts'
import { askConfirm, askConnect } from './dialogs.ts'
import { autoLayoutPositions, whenMeasured } from './layout-store.ts'
import { planRedeclare } from './redeclare.ts'
import type { Move } from './run-ops.ts'
import { errorText, type DesignerSession } from './session.ts'
import { t } from '../i18n/index.ts'

let session: DesignerSession | null = null
export const setSession = (s: DesignerSession) => (session = s)
export function getSession(): DesignerSession {
  if (!session) throw new Error('the designer session has not started')
  return session
}
const st = () => useAppStore.getState()

export interface CommitResult {
  ok: boolean
  error?: string
}

const designOf = (doc: DesignDoc) => ({ producers: doc.producers, consumers: doc.consumers, positions: doc.positions })

/** Applies an edit to the broker and the design, as one undo step. The broker's refusal comes back as `error`. */
export function commit(transform: (doc: DesignDoc) => DesignDoc, moves: Move[] = []): Promise<CommitResult> {
  const s = getSession()
  return s.serial(async () => {
    const before = docOf(st())
    const after = transform(before)
    if (after === before) return { ok: true }
    try {
      await s.runOps(diffTopology(before, after), moves)
    } catch (error) {
      await s.refresh().catch(() => {})
      return { ok: false, error: errorText(error) }
    }
    st().pushHistory(before)
    st().setDesign(designOf(after))
    await s.refresh()
    return { ok: true }
  })
}

export async function commitOrToast(transform: (doc: DesignDoc) => DesignDoc, moves: Move[] = []): Promise<boolean> {
  const result = await commit(transform, moves)
  if (!result.ok) st().toast('error', result.error ?? t('actions.refused'))
  return result.ok
}

/** Like commit, but when the edit re-creates a queue or exchange the user is told what happens first. */
export async function commitExplained(
  transform: (doc: DesignDoc) => DesignDoc,
  renamed?: { kind: 'queue' | 'exchange'; from: string; to: string },
): Promise<CommitResult> {
  const before = docOf(st())
  const after = transform(before)
  const plan = planRedeclare(before, after, st().queueStats, renamed)
  let moves: Move[] = []
  if (plan) {
    const answer = await askConfirm({
      title: plan.title,
      paragraphs: plan.paragraphs,
      confirmLabel: t('actions.recreate'),
      option:
        plan.readyToMove > 0
          ? { label: t('actions.moveReady', { count: plan.readyToMove }), checked: true }
          : undefined,
    })
    if (!answer) return { ok: false }
    if (answer.option) moves = plan.moves
  }
  return commit(() => after, moves)
}

async function travel(direction: 'undo' | 'redo'): Promise<void> {
  const s = getSession()
  await s.serial(async () => {
    const state = st()
    const stack = direction === 'undo' ? state.past : state.future
    const target = stack.at(-1)
    if (!target) return
    const current = docOf(state)
    try {
      await s.runOps(diffTopology(current, target))
    } catch (error) {
      await s.refresh().catch(() => {})
      st().toast('error', t('actions.travelFailed', { direction, error: errorText(error) }))
      return
    }
    if (direction === 'undo')
      useAppStore.setState({ past: state.past.slice(0, -1), future: [...state.future, current] })
    else useAppStore.setState({ future: state.future.slice(0, -1), past: [...state.past, current] })
    st().setDesign(designOf(keepRunning(target, current)))
    await s.refresh()
  })
}

/** Undo and redo change the design, not what is running: a producer that is running keeps running. */
function keepRunning(target: DesignDoc, current: DesignDoc): DesignDoc {
  const producers = { ...target.producers }
  for (const [id, p] of Object.entries(producers)) {
    const now = current.producers[id]
    if (now && now.running !== p.running) producers[id] = { ...p, running: now.running }
  }
  return { ...target, producers }
}

export const undo = () => travel('undo')
export const redo = () => travel('redo')

let ids = 0
const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++ids).toString(36)}`

/** Adds a node where asked and selects it, so the inspector opens on it. */
export async function addNode(kind: NodeKind, at: XY, exchangeType: ExchangeType = 'direct'): Promise<void> {
  let id = ''
  const ok = await commitOrToast((doc) => {
    if (kind === 'exchange') {
      const name = uniqueName(`${exchangeType}-exchange`, (n) => nameTaken(doc, 'exchange', n))
      id = exchangeNodeId(name)
      return putExchange(
        doc,
        { name, type: exchangeType, durable: true, autoDelete: false, internal: false, arguments: {} },
        at,
      )
    }
    if (kind === 'queue') {
      const name = uniqueName('queue', (n) => nameTaken(doc, 'queue', n))
      id = queueNodeId(name)
      return putQueue(doc, { name, durable: true, exclusive: false, autoDelete: false, arguments: {} }, at)
    }
    const key = newId(kind === 'producer' ? 'p' : 'c')
    id = nodeId(kind, key)
    if (kind === 'producer') {
      const name = uniqueName('producer', (n) => Object.values(doc.producers).some((p) => p.name === n))
      return withPosition({ ...doc, producers: { ...doc.producers, [key]: newProducer(key, name) } }, id, at)
    }
    const name = uniqueName('consumer', (n) => Object.values(doc.consumers).some((c) => c.name === n))
    return withPosition({ ...doc, consumers: { ...doc.consumers, [key]: newConsumer(key, name) } }, id, at)
  })
  if (ok) st().selectNodes([id])
}

/** Deletes the selected nodes and edges (Delete key), after a word when messages would go with them. */
export async function deleteSelection(): Promise<void> {
  const { selectedNodes, selectedEdges, queueStats } = st()
  if (selectedNodes.length === 0 && selectedEdges.length === 0) return
  const losing = selectedNodes
    .map(parseNodeId)
    .filter((n) => n.kind === 'queue' && (queueStats[n.key]?.ready ?? 0) + (queueStats[n.key]?.unacked ?? 0) > 0)
  if (losing.length > 0) {
    const total = losing.reduce((sum, n) => sum + queueStats[n.key].ready + queueStats[n.key].unacked, 0)
    const answer = await askConfirm({
      title:
        losing.length === 1
          ? t('actions.deleteQueueTitle', { name: losing[0].key })
          : t('actions.deleteQueuesTitle', { count: losing.length }),
      paragraphs: [t('actions.deleteQueuesText', { count: total, queues: losing.length })],
      confirmLabel: t('common.delete'),
      danger: true,
    })
    if (!answer) return
  }
  const edgesOnly = selectedNodes.length === 0
  const transform = (doc: DesignDoc) => removeEdges(removeNodes(doc, selectedNodes), selectedEdges)
  const redeclaring =
    edgesOnly && selectedEdges.some((id) => ['deadLetter', 'alternate'].includes(parseEdgeId(id).kind))
  const result = redeclaring ? await commitExplained(transform) : await commit(transform)
  if (!result.ok && result.error) st().toast('error', result.error)
}

function connectTitle(intent: ConnectIntent): string {
  switch (intent.kind) {
    case 'bind':
      return t('actions.connectBind', { destination: intent.destination, source: intent.source })
    case 'publish':
      return t('actions.connectPublish', { exchange: intent.exchange })
    case 'deadLetter':
      return t('actions.connectDeadLetter', { queue: intent.queue, exchange: intent.exchange })
    default:
      return t('connect.connect')
  }
}

/** Drawing an edge: refused with a reason, or asked about (binding key, header match), then made. */
export async function connect(connection: Connection): Promise<void> {
  const state = st()
  const doc = docOf(state)
  const predeclared: Record<string, ExchangeType> = {}
  for (const [name, x] of Object.entries(state.exchanges))
    if (name.startsWith('amq.')) predeclared[name] = x.type as ExchangeType
  const verdict = judgeConnection(
    doc,
    connection.source,
    connection.sourceHandle ?? null,
    connection.target,
    predeclared,
    st().vhost,
  )
  if (!verdict.ok) {
    state.toast('error', verdict.reason)
    return
  }
  const intent = verdict.intent
  if (intent.needs === 'nothing') {
    const result =
      intent.kind === 'alternate'
        ? await commitExplained((d) => applyConnection(d, intent))
        : await commit((d) => applyConnection(d, intent))
    if (!result.ok && result.error) state.toast('error', result.error)
    return
  }
  const after = (key: string) => applyConnection(doc, intent, { key })
  const plan = intent.kind === 'deadLetter' ? planRedeclare(doc, after(''), state.queueStats) : null
  let initialKey = ''
  for (;;) {
    const answer = await askConnect({
      intent,
      title: connectTitle(intent),
      initialKey,
      paragraphs: plan?.paragraphs,
      option:
        plan && plan.readyToMove > 0
          ? { label: t('actions.moveReady', { count: plan.readyToMove }), checked: true }
          : undefined,
    })
    if (!answer) return
    const problem = checkAnswer(intent, answer)
    if (problem) {
      st().toast('error', problem)
      initialKey = answer.key
      continue
    }
    const result = await commit((d) => applyConnection(d, intent, answer), answer.option && plan ? plan.moves : [])
    if (!result.ok && result.error) st().toast('error', result.error)
    return
  }
}

let clip: DesignDoc | null = null
let pastes = 0

export function copySelection(): void {
  const { selectedNodes } = st()
  if (selectedNodes.length === 0) return
  clip = copyNodes(docOf(st()), selectedNodes)
  pastes = 0
  st().toast('info', t('actions.copied', { count: selectedNodes.length }))
}

export async function paste(): Promise<void> {
  if (!clip) return
  const from = clip
  let pasted: string[] = []
  pastes++
  const ok = await commitOrToast((doc) => {
    const result = pasteNodes(doc, from, 40 * pastes, () => newId('n'))
    pasted = result.ids
    return result.doc
  })
  if (ok) st().selectNodes(pasted)
}

export async function autoLayout(): Promise<void> {
  const { nodes, edges } = st()
  let positions: Record<string, XY>
  try {
    positions = await autoLayoutPositions(nodes, edges)
  } catch (error) {
    st().toast('error', errorText(error))
    return
  }
  if (await commitOrToast((doc) => ({ ...doc, positions }))) st().requestFit()
}

export async function loadExample(): Promise<void> {
  const current = docOf(st())
  const example = exampleDoc()
  const clash =
    Object.keys(example.exchanges).some((n) => n in current.exchanges) ||
    Object.keys(example.queues).some((n) => n in current.queues)
  if (clash) {
    st().toast(
      'error',
      t('actions.exampleClash', { names: "'orders', 'payment', 'analytics', 'payment.dlx', 'payment.dlq'" }),
    )
    return
  }
  const ok = await commitOrToast((doc) => ({
    ...doc,
    exchanges: { ...doc.exchanges, ...example.exchanges },
    queues: { ...doc.queues, ...example.queues },
    bindings: [...doc.bindings, ...example.bindings],
    producers: { ...doc.producers, ...example.producers },
    consumers: { ...doc.consumers, ...example.consumers },
  }))
  if (!ok) return
  await whenMeasured(() => st().nodes)
  await autoLayout()
}

export async function restartBroker(): Promise<void> {
  const answer = await askConfirm({
    title: t('actions.restartTitle'),
    paragraphs: [t('actions.restartText1'), t('actions.restartText2')],
    confirmLabel: t('toolbar.restart'),
  })
  if (!answer) return
  try {
    await getSession().client.restart()
    st().toast('info', t('actions.restarted'))
  } catch (error) {
    st().toast('error', t('actions.restartFailed', { error: errorText(error) }))
  }
}

export async function resetAll(): Promise<void> {
  const answer = await askConfirm({
    title: t('actions.resetTitle'),
    paragraphs: [t('actions.resetText')],
    confirmLabel: t('toolbar.reset'),
    danger: true,
  })
  if (!answer) return
  const s = getSession()
  await s.serial(() => s.resetBroker())
}
