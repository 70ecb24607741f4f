// The cluster's nodes as lanes above the canvas: each node's state, the queues it hosts or replicates (a quorum
// leader marked), and the controls a learner uses to stop, start, isolate and heal nodes or resize the cluster.

import { memo, useState, type DragEvent } from 'react'
import { Crown, Play, Scissors, Square } from 'lucide-react'
import { useT } from '../i18n/index.ts'
import { getSession } from '../session/actions.ts'
import { useAppStore } from '../store/index.ts'
import { groupsAfterDrag, isPartitioned, lanesOf, type Lane } from './cluster-view.ts'
import { usePolled } from '../ui/usePolled.ts'
import './cluster.css'

const POLL_MS = 500
const SIZES = [1, 2, 3, 4, 5, 6, 7]

async function readLanes(): Promise<Lane[]> {
  const client = getSession().client
  const nodes = await client.send({ type: 'clusterNodes' })
  // One node draws no lanes: its queues are not asked for (nor the management API loaded for them).
  if (nodes.length <= 1) return lanesOf(nodes, [])
  const queues = await client.send({ type: 'management', request: { method: 'GET', path: '/api/queues' } })
  const replicas = nodes.length > 1 ? await client.send({ type: 'clusterReplicas' }) : []
  return lanesOf(nodes, Array.isArray(queues.body) ? queues.body : [], replicas)
}

export const ClusterLanes = memo(function ClusterLanes() {
  const t = useT()
  const [lanes, setLanes] = usePolled(readLanes, [] as Lane[], POLL_MS, null)
  const send = (command: Parameters<ReturnType<typeof getSession>['client']['send']>[0]) =>
    void getSession()
      .client.send(command)
      .then(() => readLanes().then(setLanes))
      .catch((error: unknown) =>
        useAppStore.getState().toast('error', error instanceof Error ? error.message : String(error)),
      )
  const partitioned = isPartitioned(lanes)
  // Partition by drag: a lane dropped on another lane joins its group; on the "new group" area it stands alone.
  const [dragged, setDragged] = useState<string | null>(null)
  const dropOn = (target: string | null) => (e: DragEvent) => {
    e.preventDefault()
    const moved = dragged ?? e.dataTransfer.getData('text/plain')
    setDragged(null)
    if (!moved || moved === target) return
    const groups = groupsAfterDrag(lanes, moved, target)
    send(groups.length > 1 ? { type: 'clusterPartition', groups } : { type: 'clusterHeal' })
  }
  const allowDrop = (e: DragEvent) => e.preventDefault()
  return (
    <section className="cluster-lanes" data-testid="cluster-lanes" aria-label={t('cluster.title')}>
      <header>
        <label>
          {t('cluster.size')}
          <select
            data-testid="cluster-size"
            value={lanes.length || 1}
            onChange={(e) => send({ type: 'clusterSetSize', size: Number(e.target.value) })}
          >
            {SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {partitioned && (
          <button type="button" data-testid="cluster-heal" onClick={() => send({ type: 'clusterHeal' })}>
            {t('cluster.heal')}
          </button>
        )}
      </header>
      {lanes.length > 1 && (
        <ol className="lanes">
          {lanes.map((lane) => (
            <li
              key={lane.name}
              className={`lane${lane.running ? '' : ' stopped'}`}
              data-testid={`cluster-node-${lane.name}`}
              data-running={lane.running}
              data-group={lane.group}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', lane.name)
                setDragged(lane.name)
              }}
              onDragEnd={() => setDragged(null)}
              onDragOver={allowDrop}
              onDrop={dropOn(lane.name)}
            >
              <div className="lane-head">
                <strong>{lane.name}</strong>
                <span className="lane-state">
                  {lane.running ? t('cluster.running') : t('cluster.stopped')}
                  {partitioned && lane.running ? ` · ${t('cluster.group', { group: lane.group + 1 })}` : ''}
                </span>
                {lane.running ? (
                  <button
                    type="button"
                    aria-label={t('cluster.stop', { node: lane.name })}
                    data-testid={`cluster-stop-${lane.name}`}
                    onClick={() => send({ type: 'clusterStop', node: lane.name })}
                  >
                    <Square size={12} aria-hidden />
                  </button>
                ) : (
                  <button
                    type="button"
                    aria-label={t('cluster.start', { node: lane.name })}
                    data-testid={`cluster-start-${lane.name}`}
                    onClick={() => send({ type: 'clusterStart', node: lane.name })}
                  >
                    <Play size={12} aria-hidden />
                  </button>
                )}
                <button
                  type="button"
                  aria-label={t('cluster.isolate', { node: lane.name })}
                  data-testid={`cluster-isolate-${lane.name}`}
                  onClick={() =>
                    send({
                      type: 'clusterPartition',
                      groups: [[lane.name], lanes.filter((l) => l.name !== lane.name).map((l) => l.name)],
                    })
                  }
                >
                  <Scissors size={12} aria-hidden />
                </button>
              </div>
              <ul className="lane-queues">
                {lane.queues.map((q) => (
                  <li
                    key={`${q.vhost}/${q.name}`}
                    className={`lane-queue ${q.type}${q.unavailable ? ' unavailable' : ''}`}
                    data-testid={`cluster-queue-${lane.name}-${q.name}`}
                    data-leader={q.leader}
                    data-behind={q.behind}
                    title={
                      q.type === 'classic'
                        ? t('cluster.classicHome', { queue: q.name })
                        : q.type === 'stream'
                          ? t(q.leader ? 'cluster.streamLeader' : 'cluster.streamFollower', { queue: q.name })
                          : t(q.leader ? 'cluster.quorumLeader' : 'cluster.quorumFollower', { queue: q.name })
                    }
                  >
                    {q.type !== 'classic' && q.leader && <Crown size={10} aria-hidden />}
                    {q.name}
                    {q.behind > 0 && (
                      <span className="lane-behind" title={t('cluster.behind', { count: q.behind })}>
                        −{q.behind}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {dragged && (
            <li
              className="lane lane-new-group"
              data-testid="cluster-new-group"
              onDragOver={allowDrop}
              onDrop={dropOn(null)}
            >
              {t('cluster.newGroup', { node: dragged })}
            </li>
          )}
        </ol>
      )}
    </section>
  )
})
