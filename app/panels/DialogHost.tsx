// The open dialog, if any: a confirmation, or the question a new edge needs answered.

import { useState, type FormEvent } from 'react'
import { checkAnswer } from '../design/connect-rules.ts'
import { tableFromRows, type FieldRow } from '../design/field-rows.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import type { ConfirmDialog as ConfirmData, ConnectDialog as ConnectData } from '../store/ui-slice.ts'
import { Check, ErrorText, RowsEditor, SelectField, TextField } from '../ui/controls.tsx'
import { Modal } from './Modal.tsx'

const selectDialog = (s: AppState) => s.dialog

export function DialogHost() {
  const dialog = useAppStore(selectDialog)
  if (!dialog) return null
  return dialog.kind === 'confirm' ? <ConfirmDialog d={dialog} /> : <ConnectDialog d={dialog} />
}

function ConfirmDialog({ d }: { d: ConfirmData }) {
  const [option, setOption] = useState(d.option?.checked ?? false)
  return (
    <Modal title={d.title} onClose={() => d.resolve(null)} testId="confirm-dialog">
      {d.paragraphs.map((p, i) => (
        <p key={i} className="dialog-text">
          {p}
        </p>
      ))}
      {d.option && <Check label={d.option.label} checked={option} onChange={setOption} testId="confirm-option" />}
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          onClick={() => d.resolve(null)}
          aria-label="Cancel"
          data-testid="confirm-cancel"
        >
          Cancel
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

const MATCH: readonly (readonly ['all' | 'any', string])[] = [
  ['all', 'all headers match'],
  ['any', 'any header matches'],
]

function keyLabel(d: ConnectData): string {
  switch (d.intent.kind) {
    case 'publish':
      return 'Routing key the producer publishes with'
    case 'deadLetter':
      return 'Dead-letter routing key (optional)'
    default:
      return 'Binding key'
  }
}

function keyHint(d: ConnectData): string {
  const i = d.intent
  if (i.kind === 'deadLetter') return "Empty keeps each message's own routing key."
  if ((i.kind === 'bind' || i.kind === 'publish') && i.exchangeType === 'topic')
    return i.kind === 'bind'
      ? "Words separated by dots; '*' matches one word, '#' zero or more: order.*, order.#"
      : 'Words separated by dots, e.g. order.paid'
  return i.kind === 'bind' ? 'Messages whose routing key equals this key are routed here.' : ''
}

function ConnectDialog({ d }: { d: ConnectData }) {
  const [key, setKey] = useState(d.initialKey)
  const [match, setMatch] = useState<'all' | 'any'>('all')
  const [rows, setRows] = useState<FieldRow[]>([{ key: '', type: 'string', value: '' }])
  const [option, setOption] = useState(d.option?.checked ?? false)
  const [error, setError] = useState<string | null>(null)
  const headers = d.intent.needs === 'headerMatch'

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
            <SelectField label="x-match" value={match} options={MATCH} onChange={(m) => setMatch(m)} />
            <RowsEditor label="Headers" rows={rows} onChange={setRows} testId="connect-headers" addLabel="Add header" />
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
            aria-label="Cancel"
            data-testid="confirm-cancel"
          >
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="connect-confirm" aria-label="Connect">
            Connect
          </button>
        </div>
      </form>
    </Modal>
  )
}
