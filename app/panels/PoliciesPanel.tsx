// The Policies tab: the vhost's policies and operator policies, what each currently applies to, and an
// editor for pattern, apply-to, priority and definition. The broker validates and applies them.

import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Pencil, Plus, Trash2 } from 'lucide-react'
import type { PolicyDef } from '../../engine/policy.ts'
import type { FieldValue } from '../../engine/model.ts'
import { getSession } from '../session/actions.ts'
import { askConfirm } from '../session/dialogs.ts'
import { errorText } from '../session/session.ts'
import { currentVhost } from '../store/current-vhost.ts'
import { selectVhost } from '../store/broker-slice.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { Check, ErrorText, SelectField, TextField } from '../ui/controls.tsx'
import {
  APPLY_TO,
  knownKeyLabel,
  draftOf,
  keysFor,
  emptyDraft,
  patternProblem,
  policyFromDraft,
  type PolicyDraft,
} from './policy-form.ts'
import { t, useT } from '../i18n/index.ts'
import { visibleName } from '../ui/visible-text.ts'

interface Listed {
  policy: PolicyDef
  operator: boolean
  /** What it applies to now: the queues and exchanges it is the winning match for. */
  targets: string[]
}

interface Editing {
  original: Listed | null
  draft: PolicyDraft
}

const MAX_TARGETS = 8
const selectQueues = (s: AppState) => s.queues
const selectExchanges = (s: AppState) => s.exchanges

async function loadPolicies(): Promise<Listed[]> {
  const client = getSession().client
  const [policies, operatorPolicies, targets] = await Promise.all([
    client.send({ type: 'listPolicies', vhost: currentVhost() }),
    client.send({ type: 'listPolicies', vhost: currentVhost(), operator: true }),
    client.send({ type: 'policyTargets', vhost: currentVhost() }),
  ])
  const targetsOf = (name: string, operator: boolean) => {
    const t = targets.find((x) => x.name === name && x.operator === operator)
    return t ? [...t.queues.map((q) => `queue ${q}`), ...t.exchanges.map((x) => `exchange ${x}`)] : []
  }
  const listed =
    (operator: boolean) =>
    (p: PolicyDef): Listed => ({ policy: p, operator, targets: targetsOf(p.name, operator) })
  const byName = (a: PolicyDef, b: PolicyDef) => a.name.localeCompare(b.name)
  return [...policies.sort(byName).map(listed(false)), ...operatorPolicies.sort(byName).map(listed(true))]
}

const showValue = (value: FieldValue) => (typeof value === 'string' ? value : JSON.stringify(value))

export function PoliciesPanel() {
  const policyRevision = useAppStore((s) => s.policyRevision)
  const vhost = useAppStore(selectVhost)
  const queues = useAppStore(selectQueues)
  const exchanges = useAppStore(selectExchanges)
  const [items, setItems] = useState<Listed[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const tr = useT()

  useEffect(() => {
    let live = true
    loadPolicies().then(
      (list) => live && (setItems(list), setLoadError(null)),
      (e: unknown) => live && setLoadError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [policyRevision, queues, exchanges, vhost])

  const remove = useCallback(async (item: Listed) => {
    const answer = await askConfirm({
      title: t('policies.deleteTitle', { operator: item.operator ? 'yes' : 'no', name: item.policy.name }),
      paragraphs: [t('policies.deleteText')],
      confirmLabel: t('common.delete'),
      danger: true,
    })
    if (!answer) return
    try {
      await getSession().client.send({
        type: 'clearPolicy',
        vhost: currentVhost(),
        name: item.policy.name,
        operator: item.operator,
      })
    } catch (e) {
      useAppStore.getState().toast('error', errorText(e))
    }
    useAppStore.getState().policiesChanged()
  }, [])

  if (editing) {
    const key = editing.original ? `${editing.original.operator}:${editing.original.policy.name}` : 'new'
    return <PolicyEditor key={key} editing={editing} items={items} onClose={() => setEditing(null)} />
  }
  return (
    <div className="policies" data-testid="policies-panel">
      <div className="panel-bar">
        <span className="muted ellipsis" title={tr('policies.precedenceHint')}>
          {tr('policies.precedence', { vhost: currentVhost() })}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ original: null, draft: emptyDraft() })}
          data-testid="policy-add"
        >
          <Plus size={14} aria-hidden /> {tr('policies.add')}
        </button>
      </div>
      <ErrorText text={loadError} testId="policies-error" />
      {items.length === 0 ? (
        <p className="panel-empty">{tr('policies.none')}</p>
      ) : (
        <table className="table" aria-label={tr('drawer.tabs.policies')} data-testid="policy-list">
          <thead>
            <tr>
              <th>{tr('common.name')}</th>
              <th>{tr('policies.pattern')}</th>
              <th>{tr('policies.applyToLabel')}</th>
              <th className="num">{tr('producer.priority')}</th>
              <th>{tr('policies.definition')}</th>
              <th>{tr('policies.appliesNow')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const targets = item.targets
              return (
                <tr key={`${item.operator}:${item.policy.name}`} data-testid="policy-row" data-name={item.policy.name}>
                  <td className="policy-name">
                    <span className="mono">{visibleName(item.policy.name)}</span>
                    {item.operator && (
                      <span className="badge badge-warn" title={tr('policies.operatorHint')}>
                        {tr('policies.operatorBadge')}
                      </span>
                    )}
                  </td>
                  <td className="mono">{item.policy.pattern}</td>
                  <td>{tr(`policies.applyTo.${item.policy.applyTo}`)}</td>
                  <td className="num">{item.policy.priority}</td>
                  <td className="mono policy-definition">
                    {Object.entries(item.policy.definition).map(([k, v]) => (
                      <div key={k}>
                        {k}: {showValue(v)}
                      </div>
                    ))}
                  </td>
                  <td data-testid="policy-targets">
                    {targets.length === 0 && <span className="muted">{tr('policies.nothing')}</span>}
                    {targets.slice(0, MAX_TARGETS).map((t) => (
                      <span key={t} className="badge mono">
                        {t}
                      </span>
                    ))}
                    {targets.length > MAX_TARGETS && (
                      <span className="muted">{tr('policies.more', { count: targets.length - MAX_TARGETS })}</span>
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={tr('policies.editLabel', { name: item.policy.name })}
                      onClick={() => setEditing({ original: item, draft: draftOf(item.policy, item.operator) })}
                      data-testid="policy-edit"
                    >
                      <Pencil size={14} aria-hidden />
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={tr('policies.deleteLabel', { name: item.policy.name })}
                      onClick={() => void remove(item)}
                      data-testid="policy-delete"
                    >
                      <Trash2 size={14} aria-hidden />
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}

function PolicyEditor({ editing, items, onClose }: { editing: Editing; items: Listed[]; onClose(): void }) {
  const [draft, setDraft] = useState(editing.draft)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const tr = useT()
  const patch = (p: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...p }))
  const setKnown = (key: string, value: string) => setDraft((d) => ({ ...d, known: { ...d.known, [key]: value } }))
  const original = editing.original

  const save = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const parsed = policyFromDraft(draft)
    if ('error' in parsed) return setError(parsed.error)
    const { policy } = parsed
    const renamed = original !== null && (original.policy.name !== policy.name || original.operator !== draft.operator)
    if (
      (original === null || renamed) &&
      items.some((l) => l.operator === draft.operator && l.policy.name === policy.name)
    ) {
      return setError(t('policies.exists', { operator: draft.operator ? 'yes' : 'no', name: policy.name }))
    }
    setBusy(true)
    try {
      const client = getSession().client
      await client.send({ type: 'setPolicy', vhost: currentVhost(), policy, operator: draft.operator })
      if (renamed)
        await client.send({
          type: 'clearPolicy',
          vhost: currentVhost(),
          name: original.policy.name,
          operator: original.operator,
        })
      useAppStore.getState().policiesChanged()
      onClose()
    } catch (err) {
      setError(errorText(err))
      useAppStore.getState().policiesChanged()
    } finally {
      setBusy(false)
    }
  }

  const livePatternProblem = draft.pattern === '' ? null : patternProblem(draft.pattern)
  const keys = keysFor(draft)
  return (
    <form
      className="policy-editor"
      onSubmit={save}
      aria-label={original ? tr('policies.editLabel', { name: original.policy.name }) : tr('policies.new')}
      data-testid="policy-editor"
    >
      <div className="policy-editor-col">
        <h3 className="section-title">
          {original ? tr('policies.editTitle', { name: original.policy.name }) : tr('policies.new')}
        </h3>
        <div className="grid-2 tight">
          <TextField
            label={tr('common.name')}
            value={draft.name}
            onChange={(name) => patch({ name })}
            testId="policy-name"
            mono
          />
          <TextField
            label={tr('producer.priority')}
            value={draft.priority}
            onChange={(priority) => patch({ priority })}
            testId="policy-priority"
            inputMode="numeric"
            mono
          />
        </div>
        <TextField
          label={tr('policies.patternLabel')}
          value={draft.pattern}
          onChange={(pattern) => patch({ pattern })}
          placeholder="^orders$"
          testId="policy-pattern"
          mono
          hint={
            livePatternProblem ? (
              <span className="pattern-problem" data-testid="policy-pattern-problem">
                {livePatternProblem}
              </span>
            ) : (
              tr('policies.patternHint')
            )
          }
        />
        <SelectField
          label={tr('policies.applyToLabel')}
          value={draft.applyTo}
          options={(draft.operator ? APPLY_TO.filter((v) => v === 'queues') : APPLY_TO).map(
            (v) => [v, tr(`policies.applyTo.${v}`)] as const,
          )}
          onChange={(applyTo) => patch({ applyTo })}
          testId="policy-apply-to"
        />
        <Check
          label={tr('policies.operatorLabel')}
          checked={draft.operator}
          onChange={(operator) => patch(operator ? { operator, applyTo: 'queues' } : { operator })}
          title={tr('policies.operatorTitle')}
          testId="policy-operator"
        />
        <ErrorText text={error} testId="policy-error" />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy} data-testid="policy-save">
            {original ? tr('policies.save') : tr('policies.add')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {tr('common.cancel')}
          </button>
        </div>
      </div>
      <div className="policy-editor-col">
        <h4 className="section-title">{tr('policies.definition')}</h4>
        <div className="policy-keys">
          {keys.map((k) =>
            k.kind === 'select' ? (
              <SelectField
                key={k.key}
                label={knownKeyLabel(k.key)}
                value={draft.known[k.key] ?? ''}
                options={[['', tr('policies.notSet')], ...(k.options ?? []).map((o) => [o, o] as const)]}
                onChange={(v) => setKnown(k.key, v)}
                testId={`policy-key-${k.key}`}
              />
            ) : (
              <TextField
                key={k.key}
                label={knownKeyLabel(k.key)}
                value={draft.known[k.key] ?? ''}
                onChange={(v) => setKnown(k.key, v)}
                placeholder={tr('policies.notSet')}
                testId={`policy-key-${k.key}`}
                inputMode={k.kind === 'number' ? 'numeric' : 'text'}
                list={k.key.endsWith('exchange') ? 'exchange-names' : undefined}
                mono
              />
            ),
          )}
        </div>
        <div className="field">
          <label htmlFor="policy-raw">{tr('policies.rawLabel')}</label>
          <textarea
            id="policy-raw"
            className="mono"
            rows={2}
            value={draft.raw}
            onChange={(e) => patch({ raw: e.target.value })}
            placeholder={'{"ha-mode": "all"}'}
            spellCheck={false}
            data-testid="policy-raw"
          />
        </div>
      </div>
    </form>
  )
}
