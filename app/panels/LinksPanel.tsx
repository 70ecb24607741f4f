// The Links tab: the brokers of the design and the link between each pair, with cut, pause and restore and a
// latency; and each broker's shovels and federation links as /api/shovels and /api/federation-links report them.

import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { DesignBrokerInfo } from '../../engine/design/design.ts'
import type { LinkState, LinkStatus } from '../../engine/design/links.ts'
import type { BrokerVersion } from '../../engine/profile.ts'
import { getSession } from '../session/actions.ts'
import { errorText } from '../session/session.ts'
import { ErrorText, SelectField, TextField } from '../ui/controls.tsx'
import { useT } from '../i18n/index.ts'
import './links.css'

const POLL_MS = 1000
const VERSIONS = ['4.3', '4.0', '3.10'] as const satisfies readonly BrokerVersion[]

interface StatusRow {
  broker: string
  kind: 'shovel' | 'federation'
  name: string
  state: string
}

interface Loaded {
  brokers: DesignBrokerInfo[]
  links: LinkStatus[]
  statuses: StatusRow[]
}

async function load(): Promise<Loaded> {
  const client = getSession().client
  const [brokers, links] = await Promise.all([client.send({ type: 'brokersList' }), client.send({ type: 'linksList' })])
  const statuses: StatusRow[] = []
  for (const b of brokers) {
    const get = (path: string) =>
      client.send({ type: 'brokerManagement', broker: b.name, request: { method: 'GET', path } })
    const [shovels, federation] = await Promise.all([get('/api/shovels'), get('/api/federation-links')])
    for (const s of (shovels.body as { name: string; state: string }[]) ?? [])
      statuses.push({ broker: b.name, kind: 'shovel', name: s.name, state: s.state })
    for (const f of (federation.body as { upstream: string; exchange?: string; queue?: string; status: string }[]) ??
      [])
      statuses.push({
        broker: b.name,
        kind: 'federation',
        name: `${f.exchange ?? f.queue} ← ${f.upstream}`,
        state: f.status,
      })
  }
  return { brokers, links, statuses }
}

/** Every pair of brokers, with its link's state (a pair never touched is up, with no latency). */
function pairs(loaded: Loaded): LinkStatus[] {
  const out: LinkStatus[] = []
  const names = loaded.brokers.map((b) => b.name)
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = names[i] < names[j] ? [names[i], names[j]] : [names[j], names[i]]
      out.push(loaded.links.find((l) => l.a === a && l.b === b) ?? { a, b, state: 'up', latency: 0, inFlight: 0 })
    }
  return out
}

export function LinksPanel() {
  const t = useT()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [version, setVersion] = useState<BrokerVersion>('4.3')
  const refresh = useCallback(() => {
    load().then(setLoaded, (e: unknown) => setError(errorText(e)))
  }, [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, POLL_MS)
    return () => clearInterval(timer)
  }, [refresh])
  const act = (work: Promise<unknown>) =>
    work.then(
      () => {
        setError(null)
        refresh()
      },
      (e: unknown) => setError(errorText(e)),
    )
  const client = getSession().client
  const add = (event: FormEvent) => {
    event.preventDefault()
    void act(client.send({ type: 'brokerAdd', name: name.trim(), version })).then(() => setName(''))
  }
  const setState = (l: LinkStatus, state: 'cut' | 'pause' | 'restore') =>
    act(client.send({ type: 'linkState', a: l.a, b: l.b, state }))
  const stateText = (s: LinkState) => t(`links.state.${s}`)
  return (
    <div className="links-panel" data-testid="links-panel">
      <h3>{t('links.brokers')}</h3>
      <ul>
        {loaded?.brokers.map((b, i) => (
          <li key={b.name} data-testid={`links-broker-${b.name}`}>
            {t('links.broker', { name: b.name, version: b.version })}
            {i === 0 ? ` · ${t('links.first')}` : ''}
            {i > 0 && (
              <button type="button" onClick={() => act(client.send({ type: 'brokerRemove', name: b.name }))}>
                {t('links.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="links-add">
        <TextField
          label={t('links.name')}
          value={name}
          onChange={setName}
          placeholder="dc-london"
          testId="links-new-name"
        />
        <SelectField
          label={t('links.version')}
          value={version}
          options={VERSIONS.map((v): readonly [BrokerVersion, string] => [v, v])}
          onChange={(v: BrokerVersion) => setVersion(v)}
        />
        <button type="submit" disabled={name.trim() === ''} data-testid="links-add">
          {t('links.add')}
        </button>
      </form>
      <h3>{t('links.links')}</h3>
      {loaded && pairs(loaded).length === 0 && <p>{t('links.noPairs')}</p>}
      <ul>
        {loaded &&
          pairs(loaded).map((l) => (
            <li key={`${l.a} ${l.b}`} data-testid={`links-link-${l.a}-${l.b}`} data-state={l.state}>
              {l.a} ↔ {l.b} · {stateText(l.state)} · {t('links.inFlight', { count: l.inFlight })}
              <button type="button" onClick={() => setState(l, 'cut')} disabled={l.state === 'cut'}>
                {t('links.cut')}
              </button>
              <button type="button" onClick={() => setState(l, 'pause')} disabled={l.state !== 'up'}>
                {t('links.pause')}
              </button>
              <button type="button" onClick={() => setState(l, 'restore')} disabled={l.state === 'up'}>
                {t('links.restore')}
              </button>
              <label>
                {t('links.latency')}
                <input
                  type="number"
                  min={0}
                  value={l.latency}
                  onChange={(e) =>
                    act(client.send({ type: 'linkLatency', a: l.a, b: l.b, ms: Number(e.target.value) }))
                  }
                />
              </label>
            </li>
          ))}
      </ul>
      <h3>{t('links.moving')}</h3>
      <ul>
        {loaded?.statuses.map((s) => (
          <li key={`${s.broker} ${s.kind} ${s.name}`} data-testid={`links-${s.kind}-${s.name}`}>
            {s.broker} · {t(`links.kind.${s.kind}`)} {s.name} · {s.state}
          </li>
        ))}
      </ul>
      <ErrorText text={error} testId="links-error" />
    </div>
  )
}
