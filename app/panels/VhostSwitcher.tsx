// The vhost the canvas shows: pick another, or add one. Nodes of the vhost left keep running.

import { Check, ChevronDown, Plus, Server, Trash2 } from 'lucide-react'
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { getSession } from '../session/actions.ts'
import { askConfirm } from '../session/dialogs.ts'
import { errorText } from '../session/session.ts'
import { selectVhost } from '../store/broker-slice.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { usePopover } from '../ui/usePopover.ts'
import { t, useT } from '../i18n/index.ts'

const selectVhosts = (s: AppState) => s.vhosts

/** Why `name` cannot be a new vhost, or null. RabbitMQ takes any non-empty name up to 255 bytes. */
export function vhostNameProblem(name: string, existing: readonly string[]): string | null {
  if (name.length === 0) return t('vhost.needsName')
  if (new TextEncoder().encode(name).length > 255) return t('vhost.tooLong')
  if (existing.includes(name)) return t('vhost.exists', { name })
  return null
}

export function VhostSwitcher() {
  const vhost = useAppStore(selectVhost)
  const vhosts = useAppStore(selectVhosts)
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const ref = useRef<HTMLDivElement>(null)
  const tr = useT()

  usePopover(ref, open, () => setOpen(false), '[role="menuitemradio"][aria-checked="true"]')

  const pick = (name: string) => {
    setOpen(false)
    void getSession()
      .switchVhost(name)
      .catch((e: unknown) =>
        useAppStore.getState().toast('error', t('vhost.showFailed', { name, error: errorText(e) })),
      )
  }

  const add = async (e: FormEvent) => {
    e.preventDefault()
    const problem = vhostNameProblem(name, vhosts)
    if (problem) return setError(problem)
    try {
      const session = getSession()
      await session.client.send({ type: 'addVhost', name })
      await session.refresh()
      setName('')
      setError(null)
      pick(name)
    } catch (err) {
      setError(errorText(err))
    }
  }

  const remove = async () => {
    setOpen(false)
    const answer = await askConfirm({
      title: t('vhost.deleteTitle', { name: vhost }),
      paragraphs: [t('vhost.deleteText')],
      confirmLabel: t('vhost.deleteConfirm'),
      danger: true,
    })
    if (!answer) return
    const name = vhost
    try {
      await getSession().deleteVhost(name)
      useAppStore.getState().toast('info', t('vhost.deleted', { name }))
    } catch (err) {
      useAppStore.getState().toast('error', t('vhost.deleteFailed', { name, error: errorText(err) }))
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      setOpen(false)
      ref.current?.querySelector<HTMLElement>('.vhost-button')?.focus()
    }
  }

  return (
    <div className="file-menu vhost-switcher" ref={ref} onKeyDown={onKeyDown}>
      <button
        type="button"
        className="tool with-text vhost-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={tr('overview.vhost', { vhost })}
        title={tr('vhost.buttonTitle')}
        data-testid="vhost-switcher"
        onClick={() => setOpen((o) => !o)}
      >
        <Server size={16} aria-hidden />
        <span className="vhost-name">{vhost}</span>
        <ChevronDown size={14} aria-hidden />
      </button>
      {open && (
        <div
          className="file-menu-popover vhost-popover"
          role="menu"
          aria-label={tr('vhost.menu')}
          data-testid="vhost-menu"
        >
          {vhosts.map((v) => (
            <button
              key={v}
              type="button"
              role="menuitemradio"
              aria-checked={v === vhost}
              className="file-menu-item"
              data-testid={`vhost-option-${v}`}
              onClick={() => pick(v)}
            >
              {v === vhost ? <Check size={15} aria-hidden /> : <span className="vhost-check-space" aria-hidden />}
              <span className="file-menu-label">{v}</span>
            </button>
          ))}
          <div className="file-menu-sep" role="separator" />
          <form className="vhost-add field" onSubmit={(e) => void add(e)}>
            <input
              value={name}
              placeholder={tr('vhost.newName')}
              aria-label={tr('vhost.newName')}
              data-testid="vhost-new-name"
              onChange={(e) => {
                setName(e.target.value)
                setError(null)
              }}
            />
            <button type="submit" className="button" data-testid="vhost-add" aria-label={tr('vhost.addLabel')}>
              <Plus size={14} aria-hidden /> {tr('palette.heading')}
            </button>
          </form>
          {error && (
            <p className="vhost-error" role="alert" data-testid="vhost-error">
              {error}
            </p>
          )}
          {vhost !== '/' && (
            <>
              <div className="file-menu-sep" role="separator" />
              <button
                type="button"
                role="menuitem"
                className="file-menu-item vhost-delete"
                data-testid="vhost-delete"
                onClick={() => void remove()}
              >
                <Trash2 size={15} aria-hidden />
                <span className="file-menu-label">{tr('vhost.deleteItem', { name: vhost })}</span>
              </button>
            </>
          )}
        </div>
      )}
    </div>
  )
}
