// The open dialog, if any: a confirmation, or the question a new edge needs answered.

import { useState, type FormEvent } from 'react'
import { checkAnswer } from '../design/connect-rules.ts'
import { tableFromRows, type FieldRow } from '../design/field-rows.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import type { ConfirmDialog as ConfirmData, ConnectDialog as ConnectData } from '../store/ui-slice.ts'
import { Check, ErrorText, RowsEditor, SelectField, TextField } from '../ui/controls.tsx'
import { Modal } from './Modal.tsx'
import { t, useT } from '../i18n/index.ts'

const selectDialog = (s: AppState) => s.dialog

export function DialogHost() {
  const dialog = useAppStore(selectDialog)
  if (!dialog) return null
  return dialog.kind === 'confirm' ? <ConfirmDialog d={dialog} /> : <ConnectDialog d={dialog} />
}

function ConfirmDialog({ d }: { d: ConfirmData }) {
  const [option, setOption] = useState(d.option?.checked ?? false)
  const t = useT()
  return (
    <Modal title={d.title} onClose={() => d.resolve(null)} testId="confirm-dialog">
      {d.paragraphs.map((p, i) => (
        <p key={i} className="dialog-text">
          {p}
        </p>
      ))}
      {d.items && d.items.length > 0 && (
        <ul className="dialog-list" data-testid="confirm-items">
          {d.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
      {d.option && <Check label={d.option.label} checked={option} onChange={setOption} testId="confirm-option" />}
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          onClick={() => d.resolve(null)}
          aria-label={t('common.cancel')}
          data-testid="confirm-cancel"
        >
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={`button ${d.danger ? 'danger-solid' : 'primary'}`}
          onClick={() => d.resolve({ option })}
          data-testid="confirm-ok"
          data-autofocus
          aria-label={d.confirmLabel}
        >
          {d.confirmLabel}
        </button>
      </div>
    </Modal>
  )
}

function keyLabel(d: ConnectData): string {
  switch (d.intent.kind) {
    case 'publish':
      return t('connect.keyPublish')
    case 'deadLetter':
      return t('connect.keyDeadLetter')
    default:
      return t('connect.keyBinding')
  }
}

function keyHint(d: ConnectData): string {
  const i = d.intent
  if (i.kind === 'deadLetter') return t('connect.hintDeadLetter')
  // Braces are ICU syntax: the example goes in as a value.
  const pattern = t('connect.hintPublishPattern', { example: 'order.{created|paid}' })
  if ((i.kind === 'bind' || i.kind === 'publish') && i.exchangeType === 'topic')
    return i.kind === 'bind' ? t('connect.hintTopicBind') : `${t('connect.hintTopicPublish')}. ${pattern}`
  return i.kind === 'bind' ? t('connect.hintBind') : pattern
}

function ConnectDialog({ d }: { d: ConnectData }) {
  const [key, setKey] = useState(d.initialKey)
  const [match, setMatch] = useState<'all' | 'any'>('all')
  const [rows, setRows] = useState<FieldRow[]>([{ key: '', type: 'string', value: '' }])
  const [option, setOption] = useState(d.option?.checked ?? false)
  const [error, setError] = useState<string | null>(null)
  const headers = d.intent.needs === 'headerMatch'
  const tr = useT()
  const matchOptions = [
    ['all', tr('connect.matchAll')],
    ['any', tr('connect.matchAny')],
  ] as const

  const submit = (e: FormEvent) => {
    e.preventDefault()
    let table = undefined
    if (headers) {
      const parsed = tableFromRows(rows)
      if ('error' in parsed) return setError(parsed.error)
      table = { 'x-match': match, ...parsed.table }
    }
    const answer = { key, headers: table, option }
    const problem = checkAnswer(d.intent, answer)
    if (problem) return setError(problem)
    d.resolve(answer)
  }

  return (
    <Modal title={d.title} onClose={() => d.resolve(null)} testId="connect-dialog">
      <form onSubmit={submit}>
        {headers ? (
          <>
            <SelectField label="x-match" value={match} options={matchOptions} onChange={(m) => setMatch(m)} />
            <RowsEditor
              label={tr('connect.headers')}
              rows={rows}
              onChange={setRows}
              testId="connect-headers"
              addLabel={tr('connect.addHeader')}
            />
          </>
        ) : (
          <TextField label={keyLabel(d)} value={key} onChange={setKey} hint={keyHint(d)} testId="connect-key" mono />
        )}
        {d.paragraphs?.map((p, i) => (
          <p key={i} className="dialog-text">
            {p}
          </p>
        ))}
        {d.option && <Check label={d.option.label} checked={option} onChange={setOption} />}
        <ErrorText text={error} testId="connect-error" />
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            onClick={() => d.resolve(null)}
            aria-label={tr('common.cancel')}
            data-testid="confirm-cancel"
          >
            {tr('common.cancel')}
          </button>
          <button
            type="submit"
            className="button primary"
            data-testid="connect-confirm"
            aria-label={tr('connect.connect')}
          >
            {tr('connect.connect')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
