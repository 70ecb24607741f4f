// The toolbar's File menu: definitions in and out, Warren files, share links and diagram images.

import { useReactFlow } from '@xyflow/react'
import { ChevronDown, FileDown, FileJson, FileUp, FolderOpen, Image, Link, Save, Shapes } from 'lucide-react'
import { Suspense, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { DesignNode, FlowEdge } from '../design/graph-types.ts'
import { RecentDesigns } from '../lessons/RecentDesigns.tsx'
import { useAppStore } from '../store/index.ts'
import { selectVhost } from '../store/broker-slice.ts'
import { getSession } from '../session/actions.ts'
import { copyShareLink, exportBrokerDefinitions, exportDefinitions, openFile, saveWarrenFile } from './io-actions.ts'
import { usePopover } from '../ui/usePopover.ts'
import './io.css'
import { useT } from '../i18n/index.ts'

function Item(props: { icon: ReactNode; label: string; hint?: string; testId: string; onSelect(): void }) {
  return (
    <button
      type="button"
      role="menuitem"
      className="file-menu-item"
      data-testid={props.testId}
      onClick={props.onSelect}
    >
      {props.icon}
      <span className="file-menu-label">{props.label}</span>
      {props.hint && <span className="file-menu-hint">{props.hint}</span>}
    </button>
  )
}

export function FileMenu() {
  const vhost = useAppStore(selectVhost)
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDivElement>(null)
  const picker = useRef<HTMLInputElement>(null)
  const t = useT()
  const rf = useReactFlow<DesignNode, FlowEdge>()

  usePopover(ref, open, () => setOpen(false), '[role="menuitem"]')

  // The design's other brokers, each with an export of its own, read as the menu opens.
  const [otherBrokers, setOtherBrokers] = useState<string[]>([])
  useEffect(() => {
    if (!open) return
    let live = true
    getSession()
      .client.send({ type: 'brokersList' })
      .then(
        (list) => live && setOtherBrokers(list.slice(1).map((b) => b.name)),
        () => live && setOtherBrokers([]),
      )
    return () => {
      live = false
    }
  }, [open])

  const run = (action: () => unknown) => () => {
    setOpen(false)
    void action()
  }
  const diagram = (format: 'svg' | 'png') =>
    run(async () => {
      const theme = useAppStore.getState().theme
      try {
        // The diagram export loads with its first use.
        const { exportPng, exportSvg } = await import('./diagram-export.ts')
        if (format === 'svg') exportSvg(rf, theme)
        else await exportPng(rf, theme)
      } catch (error) {
        useAppStore.getState().toast('error', t('io.diagramFailed', { error: (error as Error).message }))
      }
    })

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      setOpen(false)
      ref.current?.querySelector<HTMLElement>('.file-menu-button')?.focus()
      return
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
  }

  return (
    <div className="file-menu" ref={ref} onKeyDown={onKeyDown}>
      <button
        type="button"
        className="tool with-text file-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('io.menu.file')}
        title={t('io.menu.fileTitle')}
        data-testid="file-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <FileJson size={16} aria-hidden />
        <span>{t('io.menu.file')}</span>
        <ChevronDown size={14} aria-hidden />
      </button>
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={t('io.menu.choose')}
        data-testid="file-picker"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void openFile(file)
        }}
      />
      {open && (
        <div className="file-menu-popover" role="menu" aria-label={t('io.menu.file')} data-testid="file-menu-popover">
          <Item
            icon={<FileUp size={15} aria-hidden />}
            label={t('io.menu.import')}
            hint={t('io.menu.importHint')}
            testId="file-import"
            onSelect={run(() => picker.current?.click())}
          />
          <Item
            icon={<FileDown size={15} aria-hidden />}
            label={t('io.menu.exportBroker')}
            testId="file-export-broker"
            onSelect={run(() => exportDefinitions(null))}
          />
          <Item
            icon={<FileDown size={15} aria-hidden />}
            label={t('io.menu.exportVhost', { vhost })}
            testId="file-export-vhost"
            onSelect={run(() => exportDefinitions(vhost))}
          />
          {otherBrokers.map((broker) => (
            <Item
              key={broker}
              icon={<FileDown size={15} aria-hidden />}
              label={t('io.menu.exportOtherBroker', { broker })}
              testId={`file-export-broker-${broker}`}
              onSelect={run(() => exportBrokerDefinitions(broker))}
            />
          ))}
          <div className="file-menu-sep" role="separator" />
          <Item
            icon={<FolderOpen size={15} aria-hidden />}
            label={t('io.menu.open')}
            testId="file-open"
            onSelect={run(() => picker.current?.click())}
          />
          <Item
            icon={<Save size={15} aria-hidden />}
            label={t('io.menu.save')}
            testId="file-save"
            onSelect={run(saveWarrenFile)}
          />
          <Item
            icon={<Link size={15} aria-hidden />}
            label={t('io.menu.share')}
            testId="file-share"
            onSelect={run(copyShareLink)}
          />
          <div className="file-menu-sep" role="separator" />
          <Item
            icon={<Shapes size={15} aria-hidden />}
            label={t('io.menu.svg')}
            testId="file-svg"
            onSelect={diagram('svg')}
          />
          <Item
            icon={<Image size={15} aria-hidden />}
            label={t('io.menu.png')}
            testId="file-png"
            onSelect={diagram('png')}
          />
          <div className="file-menu-sep" role="separator" />
          {/* Its words are the lessons' (loaded on first opening). */}
          <Suspense fallback={<div className="file-menu-hint">{t('loading.panel')}</div>}>
            <RecentDesigns close={() => setOpen(false)} />
          </Suspense>
        </div>
      )}
    </div>
  )
}
