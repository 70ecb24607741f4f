// A replicated queue's members in the inspector: which node leads, which are online and how many messages each
// is behind the leader, then who led when and why (elections on the broker's virtual clock).

import { memo } from 'react'
import type { ReplicatedQueueInfo } from '../../../engine/worker/protocol.ts'
import { useT } from '../../i18n/index.ts'
import { formatClock } from '../../sim/time-format.ts'
import { getSession } from '../../session/actions.ts'
import { currentVhost } from '../../store/current-vhost.ts'
import { usePolled } from '../../ui/usePolled.ts'
import '../../cluster/cluster.css'

const POLL_MS = 500

export const QueueMembers = memo(function QueueMembers({ queue }: { queue: string }) {
  const t = useT()
  const [info] = usePolled(
    () =>
      getSession()
        .client.send({ type: 'clusterReplicas', vhost: currentVhost(), queue })
        .then((list): ReplicatedQueueInfo | null => list[0] ?? null),
    null,
    POLL_MS,
    queue,
  )
  if (!info) return null
  return (
    <section className="effective queue-members" aria-label={t('members.title')} data-testid="queue-members">
      <h3 className="form-section">{t('members.title')}</h3>
      <table className="table effective-table">
        <thead>
          <tr>
            <th>{t('members.node')}</th>
            <th>{t('members.role')}</th>
            <th>{t('members.behind')}</th>
          </tr>
        </thead>
        <tbody>
          {info.members.map((m) => (
            <tr
              key={m.node}
              data-testid={`queue-member-${m.node}`}
              data-leader={m.leader}
              data-online={m.online}
              data-behind={m.behind}
            >
              <td className="mono">{m.node}</td>
              <td>
                {m.leader
                  ? t(info.active ? 'members.leader' : 'members.leaderMinority')
                  : t(m.online ? 'members.follower' : 'members.offline')}
              </td>
              <td>{t('members.messagesBehind', { count: m.behind })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="form-section">{t('members.history')}</h4>
      <ol className="leader-history" data-testid="leader-history">
        {info.history.map((h, i) => (
          <li key={`${h.at}-${i}`} data-testid="leader-change" data-reason={h.reason} data-leader={h.leader}>
            {t(`members.reason.${h.reason}`, { node: h.leader, at: formatClock(h.at, 1) })}
          </li>
        ))}
      </ol>
    </section>
  )
})
