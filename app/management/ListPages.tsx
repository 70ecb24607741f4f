// The management pages with lists: Overview, Connections, Channels, Exchanges, Queues, with RabbitMQ's columns.

import { formatNumber, useT } from '../i18n/index.ts'
import type { ManagementSource } from './connection.ts'
import { RateChart, useRateHistory } from './RateChart.tsx'
import {
  type ChannelRow,
  type ConnectionRow,
  type ExchangeRow,
  features,
  type NodeRow,
  type Overview,
  type QueueRow,
  rateOf,
} from './rows.ts'
import { type Column, Table } from './Table.tsx'
import { usePoll } from './use-poll.ts'

const n = (value: number | undefined) => formatNumber(value ?? 0)
const rate = (value: number) => `${formatNumber(value, { maximumFractionDigits: 1 })}/s`
const vhostPath = (vhost: string | null) => (vhost === null ? '' : `/${encodeURIComponent(vhost)}`)

function Loading({ error, status }: { error: string | null; status: number | null }) {
  const t = useT('management')
  if (error) return <p className="form-error">{error}</p>
  if (status !== null && status !== 200) return <p className="form-error">{t('page.status', { status })}</p>
  return <p className="muted">{t('page.loading')}</p>
}

export function OverviewPage({ source }: { source: ManagementSource }) {
  const t = useT('management')
  const overview = usePoll<Overview>(source, '/api/overview')
  const nodes = usePoll<NodeRow[]>(source, '/api/nodes')
  const history = useRateHistory(overview.data)
  if (!overview.data) return <Loading error={overview.error} status={overview.status} />
  const o = overview.data
  const totals: [string, number][] = [
    [t('overview.connections'), o.object_totals.connections],
    [t('overview.channels'), o.object_totals.channels],
    [t('overview.exchanges'), o.object_totals.exchanges],
    [t('overview.queues'), o.object_totals.queues],
    [t('overview.consumers'), o.object_totals.consumers],
  ]
  return (
    <div className="mgmt-overview" data-testid="mgmt-overview">
      <section>
        <h3>{t('overview.queuedMessages')}</h3>
        <dl className="mgmt-figures">
          <dt>{t('columns.ready')}</dt>
          <dd data-testid="mgmt-ready">{n(o.queue_totals.messages_ready)}</dd>
          <dt>{t('columns.unacked')}</dt>
          <dd>{n(o.queue_totals.messages_unacknowledged)}</dd>
          <dt>{t('columns.total')}</dt>
          <dd>{n(o.queue_totals.messages)}</dd>
        </dl>
        <h3>{t('overview.messageRates')}</h3>
        <RateChart history={history} />
      </section>
      <section>
        <h3>{t('overview.globalCounts')}</h3>
        <dl className="mgmt-figures">
          {totals.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{n(value)}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('overview.nodes')}</h3>
        {nodes.data && (
          <Table
            name={t('overview.nodes')}
            testId="mgmt-nodes"
            rows={nodes.data}
            rowKey={(r) => r.name}
            columns={[
              { key: 'name', label: t('columns.name'), value: (r) => r.name },
              {
                key: 'running',
                label: t('columns.state'),
                value: (r) => (r.running ? t('state.running') : t('state.stopped')),
              },
              {
                key: 'memory',
                label: t('columns.memory'),
                value: (r) => r.mem_used,
                render: (r) => `${n(Math.round(r.mem_used / 1048576))} MiB`,
                numeric: true,
              },
              {
                key: 'disk',
                label: t('columns.diskFree'),
                value: (r) => r.disk_free,
                render: (r) => `${n(Math.round(r.disk_free / 1073741824))} GiB`,
                numeric: true,
              },
              {
                key: 'uptime',
                label: t('columns.uptime'),
                value: (r) => r.uptime,
                render: (r) => t('overview.uptime', { seconds: Math.round(r.uptime / 1000) }),
                numeric: true,
              },
            ]}
          />
        )}
        <p className="muted">{t('overview.version', { version: o.rabbitmq_version, cluster: o.cluster_name })}</p>
      </section>
    </div>
  )
}

export function ConnectionsPage({ source, vhost }: { source: ManagementSource; vhost: string | null }) {
  const t = useT('management')
  const path = vhost === null ? '/api/connections' : `/api/vhosts${vhostPath(vhost)}/connections`
  const rows = usePoll<ConnectionRow[]>(source, path)
  if (!rows.data) return <Loading error={rows.error} status={rows.status} />
  const columns: Column<ConnectionRow>[] = [
    { key: 'name', label: t('columns.name'), value: (r) => r.name },
    { key: 'vhost', label: t('columns.vhost'), value: (r) => r.vhost },
    { key: 'user', label: t('columns.user'), value: (r) => r.user },
    { key: 'state', label: t('columns.state'), value: (r) => r.state },
    { key: 'protocol', label: t('columns.protocol'), value: (r) => r.protocol },
    { key: 'channels', label: t('columns.channels'), value: (r) => r.channels, numeric: true },
  ]
  return (
    <Table
      name={t('tabs.connections')}
      testId="mgmt-connections"
      rows={rows.data}
      rowKey={(r) => r.name}
      columns={columns}
    />
  )
}

export function ChannelsPage({ source, vhost }: { source: ManagementSource; vhost: string | null }) {
  const t = useT('management')
  const path = vhost === null ? '/api/channels' : `/api/vhosts${vhostPath(vhost)}/channels`
  const rows = usePoll<ChannelRow[]>(source, path)
  if (!rows.data) return <Loading error={rows.error} status={rows.status} />
  const columns: Column<ChannelRow>[] = [
    { key: 'name', label: t('columns.channel'), value: (r) => r.name },
    { key: 'user', label: t('columns.user'), value: (r) => r.user },
    { key: 'mode', label: t('columns.mode'), value: (r) => (r.confirm ? 'C' : '') },
    { key: 'state', label: t('columns.state'), value: (r) => r.state },
    { key: 'consumers', label: t('columns.consumers'), value: (r) => r.consumer_count, numeric: true },
    { key: 'prefetch', label: t('columns.prefetch'), value: (r) => r.prefetch_count, numeric: true },
    { key: 'unacked', label: t('columns.unacked'), value: (r) => r.messages_unacknowledged, numeric: true },
  ]
  return (
    <Table name={t('tabs.channels')} testId="mgmt-channels" rows={rows.data} rowKey={(r) => r.name} columns={columns} />
  )
}

export function ExchangesPage({ source, vhost }: { source: ManagementSource; vhost: string | null }) {
  const t = useT('management')
  const rows = usePoll<ExchangeRow[]>(source, `/api/exchanges${vhostPath(vhost)}`)
  if (!rows.data) return <Loading error={rows.error} status={rows.status} />
  const columns: Column<ExchangeRow>[] = [
    { key: 'name', label: t('columns.name'), value: (r) => r.name, render: (r) => r.name || t('exchanges.default') },
    { key: 'vhost', label: t('columns.vhost'), value: (r) => r.vhost },
    { key: 'type', label: t('columns.type'), value: (r) => r.type },
    { key: 'features', label: t('columns.features'), value: (r) => features({ ...r, exclusive: false }) },
    {
      key: 'in',
      label: t('columns.rateIn'),
      value: (r) => rateOf(r.message_stats?.publish_in_details),
      render: (r) => rate(rateOf(r.message_stats?.publish_in_details)),
      numeric: true,
    },
    {
      key: 'out',
      label: t('columns.rateOut'),
      value: (r) => rateOf(r.message_stats?.publish_out_details),
      render: (r) => rate(rateOf(r.message_stats?.publish_out_details)),
      numeric: true,
    },
  ]
  return (
    <Table
      name={t('tabs.exchanges')}
      testId="mgmt-exchanges"
      rows={rows.data}
      rowKey={(r) => JSON.stringify([r.vhost, r.name])}
      columns={columns}
    />
  )
}

export function QueuesPage({
  source,
  vhost,
  onOpen,
}: {
  source: ManagementSource
  vhost: string | null
  onOpen: (queue: QueueRow) => void
}) {
  const t = useT('management')
  const rows = usePoll<QueueRow[]>(source, `/api/queues${vhostPath(vhost)}`)
  if (!rows.data) return <Loading error={rows.error} status={rows.status} />
  const columns: Column<QueueRow>[] = [
    { key: 'name', label: t('columns.name'), value: (r) => r.name },
    { key: 'vhost', label: t('columns.vhost'), value: (r) => r.vhost },
    { key: 'type', label: t('columns.type'), value: (r) => r.type },
    { key: 'features', label: t('columns.features'), value: (r) => features(r) },
    { key: 'state', label: t('columns.state'), value: (r) => r.state ?? '' },
    {
      key: 'ready',
      label: t('columns.ready'),
      value: (r) => r.messages_ready ?? 0,
      render: (r) => n(r.messages_ready),
      numeric: true,
    },
    {
      key: 'unacked',
      label: t('columns.unacked'),
      value: (r) => r.messages_unacknowledged ?? 0,
      render: (r) => n(r.messages_unacknowledged),
      numeric: true,
    },
    {
      key: 'total',
      label: t('columns.total'),
      value: (r) => r.messages ?? 0,
      render: (r) => n(r.messages),
      numeric: true,
    },
    { key: 'consumers', label: t('columns.consumers'), value: (r) => r.consumers ?? 0, numeric: true },
    {
      key: 'incoming',
      label: t('columns.incoming'),
      value: (r) => rateOf(r.message_stats?.publish_details),
      render: (r) => rate(rateOf(r.message_stats?.publish_details)),
      numeric: true,
    },
    {
      key: 'deliver',
      label: t('columns.deliverGet'),
      value: (r) => rateOf(r.message_stats?.deliver_get_details),
      render: (r) => rate(rateOf(r.message_stats?.deliver_get_details)),
      numeric: true,
    },
    {
      key: 'ack',
      label: t('columns.ack'),
      value: (r) => rateOf(r.message_stats?.ack_details),
      render: (r) => rate(rateOf(r.message_stats?.ack_details)),
      numeric: true,
    },
  ]
  return (
    <Table
      name={t('tabs.queues')}
      testId="mgmt-queues"
      rows={rows.data}
      rowKey={(r) => JSON.stringify([r.vhost, r.name])}
      onRow={onOpen}
      columns={columns}
    />
  )
}
