// The management pages, as RabbitMQ's management UI lays them out: Overview, Connections, Channels, Exchanges,
// Queues, Admin, for the broker in this tab or a real RabbitMQ (then with Deploy and drift). Loaded on demand.

import { useEffect, useState } from 'react'
import { useT } from '../i18n/index.ts'
import { useAppStore } from '../store/index.ts'
import { AdminPage } from './AdminPage.tsx'
import { ConnectForm } from './ConnectForm.tsx'
import { reconnectRemembered, remoteSource, tabSource, useManagementConnection } from './connection.ts'
import { DeployPanel } from './DeployPanel.tsx'
import { LiveView } from './LiveView.tsx'
import { exportAsyncApi } from './asyncapi-export.ts'
import { ChannelsPage, ConnectionsPage, ExchangesPage, OverviewPage, QueuesPage } from './ListPages.tsx'
import { QueuePage } from './QueuePage.tsx'
import './management.css'

const PAGES = ['overview', 'connections', 'channels', 'exchanges', 'queues', 'live', 'admin', 'deploy'] as const
const REMOTE_ONLY: readonly Page[] = ['live', 'deploy']
type Page = (typeof PAGES)[number]

export default function ManagementView() {
  const t = useT('management')
  const remote = useManagementConnection((s) => s.remote)
  const disconnect = useManagementConnection((s) => s.disconnect)
  const designVhost = useAppStore((s) => s.vhost)
  const [useRemote, setUseRemote] = useState(true)
  const [connecting, setConnecting] = useState(false)
  const [page, setPage] = useState<Page>('overview')
  const [allVhosts, setAllVhosts] = useState(true)
  const [queue, setQueue] = useState<{ vhost: string; name: string } | null>(null)
  const [note, setNote] = useState<string | null>(null)
  useEffect(() => {
    void reconnectRemembered()
  }, [])
  const source = remote && useRemote ? remoteSource(remote) : tabSource()
  const vhost = allVhosts ? null : designVhost
  const pages = PAGES.filter((p) => !REMOTE_ONLY.includes(p) || source.kind === 'remote')
  const shown = pages.includes(page) ? page : 'overview'

  return (
    <div className="mgmt" data-testid="management">
      <div className="mgmt-head">
        <div className="mgmt-source" role="group" aria-label={t('source.label')}>
          <button
            type="button"
            className={source.kind === 'tab' ? 'is-active' : ''}
            onClick={() => setUseRemote(false)}
          >
            {t('source.tab')}
          </button>
          {remote && (
            <button
              type="button"
              className={source.kind === 'remote' ? 'is-active' : ''}
              onClick={() => setUseRemote(true)}
              data-testid="mgmt-source-remote"
            >
              {t('source.remote', { url: remote.url, user: remote.username })}
            </button>
          )}
        </div>
        {remote ? (
          <button type="button" className="button" onClick={disconnect}>
            {t('source.disconnect')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setConnecting(true)} data-testid="mgmt-open-connect">
            {t('source.connect')}
          </button>
        )}
        <label className="inline">
          <input type="checkbox" checked={allVhosts} onChange={(e) => setAllVhosts(e.target.checked)} />
          {t('source.allVhosts')}
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="button"
          data-testid="mgmt-asyncapi"
          onClick={() =>
            void exportAsyncApi().then((file) => setNote(t('asyncapi.exported', { vhost: designVhost, file })))
          }
        >
          {t('asyncapi.export')}
        </button>
      </div>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
      {connecting && (
        <ConnectForm
          onDone={() => {
            setConnecting(false)
            setUseRemote(true)
          }}
        />
      )}
      <nav className="mgmt-nav" aria-label={t('nav')}>
        {pages.map((p) => (
          <button
            key={p}
            type="button"
            className={shown === p ? 'is-active' : ''}
            aria-current={shown === p ? 'page' : undefined}
            onClick={() => {
              setPage(p)
              setQueue(null)
            }}
            data-testid={`mgmt-tab-${p}`}
          >
            {t(`tabs.${p}`)}
          </button>
        ))}
      </nav>
      <div className="mgmt-page">
        {shown === 'overview' && <OverviewPage source={source} />}
        {shown === 'connections' && <ConnectionsPage source={source} vhost={vhost} />}
        {shown === 'channels' && <ChannelsPage source={source} vhost={vhost} />}
        {shown === 'exchanges' && <ExchangesPage source={source} vhost={vhost} />}
        {shown === 'queues' &&
          (queue ? (
            <QueuePage source={source} vhost={queue.vhost} name={queue.name} onBack={() => setQueue(null)} />
          ) : (
            <QueuesPage source={source} vhost={vhost} onOpen={(q) => setQueue({ vhost: q.vhost, name: q.name })} />
          ))}
        {shown === 'admin' && <AdminPage source={source} vhost={designVhost} />}
        {shown === 'deploy' && remote && <DeployPanel api={remote.api} vhost={designVhost} />}
        {shown === 'live' && (
          <LiveView
            source={source}
            vhost={designVhost}
            onQueue={(name) => {
              setQueue({ vhost: designVhost, name })
              setPage('queues')
            }}
          />
        )}
      </div>
    </div>
  )
}
