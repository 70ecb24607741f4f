// Admin: virtual hosts, policies and operator policies, listed and changed through the management API.

import { useState } from 'react'
import { useT } from '../i18n/index.ts'
import { askConfirm } from '../session/dialogs.ts'
import type { ManagementSource } from './connection.ts'
import type { PolicyRow, VhostRow } from './rows.ts'
import { Table } from './Table.tsx'
import { usePoll } from './use-poll.ts'

const reasonOf = (body: unknown) => String((body as { reason?: unknown } | null)?.reason ?? '')

export function AdminPage({ source, vhost }: { source: ManagementSource; vhost: string }) {
  const t = useT('management')
  const vhosts = usePoll<VhostRow[]>(source, '/api/vhosts')
  const policies = usePoll<PolicyRow[]>(source, '/api/policies')
  const operatorPolicies = usePoll<PolicyRow[]>(source, '/api/operator-policies')
  const [newVhost, setNewVhost] = useState('')
  const [policy, setPolicy] = useState({
    name: '',
    pattern: '',
    applyTo: 'queues',
    definition: '{"max-length": 1000}',
    priority: 0,
  })
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const answered = (answer: { status: number; body: unknown }, done: string) => {
    setNote(
      answer.status < 300
        ? { ok: true, text: done }
        : { ok: false, text: reasonOf(answer.body) || `HTTP ${answer.status}` },
    )
    vhosts.refresh()
    policies.refresh()
  }
  const policyColumns = (operator: boolean) => [
    { key: 'name', label: t('columns.name'), value: (p: PolicyRow) => p.name },
    { key: 'vhost', label: t('columns.vhost'), value: (p: PolicyRow) => p.vhost },
    { key: 'pattern', label: t('columns.pattern'), value: (p: PolicyRow) => p.pattern },
    { key: 'applyTo', label: t('columns.applyTo'), value: (p: PolicyRow) => p['apply-to'] },
    { key: 'definition', label: t('columns.definition'), value: (p: PolicyRow) => JSON.stringify(p.definition) },
    { key: 'priority', label: t('columns.priority'), value: (p: PolicyRow) => p.priority, numeric: true },
    {
      key: 'delete',
      label: '',
      value: () => '',
      render: (p: PolicyRow) => (
        <button
          type="button"
          className="link"
          onClick={() =>
            void source.api
              .delete(
                `/api/${operator ? 'operator-policies' : 'policies'}/${encodeURIComponent(p.vhost)}/${encodeURIComponent(p.name)}`,
              )
              .then((a) => answered(a, t('admin.policyDeleted', { name: p.name })))
          }
        >
          {t('admin.delete')}
        </button>
      ),
    },
  ]
  return (
    <div className="mgmt-admin" data-testid="mgmt-admin">
      {note && (
        <p className={note.ok ? 'muted' : 'form-error'} role="status">
          {note.text}
        </p>
      )}
      <section>
        <h3>{t('admin.vhosts')}</h3>
        {vhosts.data && (
          <Table
            name={t('admin.vhosts')}
            testId="mgmt-vhosts"
            rows={vhosts.data}
            rowKey={(v) => v.name}
            columns={[
              { key: 'name', label: t('columns.name'), value: (v) => v.name },
              { key: 'description', label: t('columns.description'), value: (v) => v.description ?? '' },
              { key: 'ready', label: t('columns.ready'), value: (v) => v.messages_ready ?? 0, numeric: true },
              {
                key: 'unacked',
                label: t('columns.unacked'),
                value: (v) => v.messages_unacknowledged ?? 0,
                numeric: true,
              },
              {
                key: 'delete',
                label: '',
                value: () => '',
                render: (v) =>
                  v.name === '/' ? null : (
                    <button
                      type="button"
                      className="link"
                      onClick={async () => {
                        const sure = await askConfirm({
                          title: t('admin.deleteVhostTitle', { name: v.name }),
                          paragraphs: [t('admin.deleteVhostLoses')],
                          confirmLabel: t('admin.delete'),
                          danger: true,
                        })
                        if (sure)
                          answered(
                            await source.api.delete(`/api/vhosts/${encodeURIComponent(v.name)}`),
                            t('admin.vhostDeleted', { name: v.name }),
                          )
                      }}
                    >
                      {t('admin.delete')}
                    </button>
                  ),
              },
            ]}
          />
        )}
        <form
          className="mgmt-inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            const name = newVhost.trim()
            if (!name) return
            void source.api.put(`/api/vhosts/${encodeURIComponent(name)}`, {}).then((a) => {
              answered(a, t('admin.vhostAdded', { name }))
              setNewVhost('')
            })
          }}
        >
          <label>
            {t('admin.newVhost')}
            <input value={newVhost} onChange={(e) => setNewVhost(e.target.value)} maxLength={255} />
          </label>
          <button type="submit" className="button primary">
            {t('admin.add')}
          </button>
        </form>
      </section>
      <section>
        <h3>{t('admin.policies')}</h3>
        {policies.data && (
          <Table
            name={t('admin.policies')}
            testId="mgmt-policies"
            rows={policies.data}
            rowKey={(p) => JSON.stringify([p.vhost, p.name])}
            columns={policyColumns(false)}
          />
        )}
        <form
          className="mgmt-inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            let definition: unknown
            try {
              definition = JSON.parse(policy.definition)
            } catch {
              setNote({ ok: false, text: t('admin.definitionNotJson') })
              return
            }
            const body = { pattern: policy.pattern, 'apply-to': policy.applyTo, definition, priority: policy.priority }
            void source.api
              .put(`/api/policies/${encodeURIComponent(vhost)}/${encodeURIComponent(policy.name)}`, body)
              .then((a) => answered(a, t('admin.policySet', { name: policy.name, vhost })))
          }}
        >
          <label>
            {t('columns.name')}
            <input
              value={policy.name}
              onChange={(e) => setPolicy({ ...policy, name: e.target.value })}
              required
              maxLength={255}
            />
          </label>
          <label>
            {t('columns.pattern')}
            <input
              value={policy.pattern}
              onChange={(e) => setPolicy({ ...policy, pattern: e.target.value })}
              required
            />
          </label>
          <label>
            {t('columns.applyTo')}
            <select value={policy.applyTo} onChange={(e) => setPolicy({ ...policy, applyTo: e.target.value })}>
              <option value="queues">{t('admin.applyQueues')}</option>
              <option value="exchanges">{t('admin.applyExchanges')}</option>
              <option value="all">{t('admin.applyAll')}</option>
            </select>
          </label>
          <label>
            {t('columns.definition')}
            <input value={policy.definition} onChange={(e) => setPolicy({ ...policy, definition: e.target.value })} />
          </label>
          <label>
            {t('columns.priority')}
            <input
              type="number"
              value={policy.priority}
              onChange={(e) => setPolicy({ ...policy, priority: Number(e.target.value) })}
            />
          </label>
          <button type="submit" className="button primary">
            {t('admin.addPolicy', { vhost })}
          </button>
        </form>
      </section>
      <section>
        <h3>{t('admin.operatorPolicies')}</h3>
        {operatorPolicies.data && (
          <Table
            name={t('admin.operatorPolicies')}
            testId="mgmt-operator-policies"
            rows={operatorPolicies.data}
            rowKey={(p) => JSON.stringify([p.vhost, p.name])}
            columns={policyColumns(true)}
          />
        )}
      </section>
    </div>
  )
}
