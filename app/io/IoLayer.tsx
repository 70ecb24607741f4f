// What import / export puts over the app: the drop overlay, the progress of a running import, its report,
// and the opener of #share= links.

import { CircleAlert, CircleCheck, FileUp, LoaderCircle } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { Modal } from '../panels/Modal.tsx'
import { openFile, openShareLinkFromLocation } from './io-actions.ts'
import { setDropping, setReport, useIoStore, type IoReport, type IoTask } from './io-store.ts'
import './io.css'
import { useT } from '../i18n/index.ts'

const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files')

/** Files dragged anywhere over the page; palette drags (not files) are left to the canvas. */
function useFileDrop(): void {
  const depth = useRef(0)
  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth.current++
      setDropping(true)
    }
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDropping(false)
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth.current = 0
      setDropping(false)
      const file = e.dataTransfer?.files[0]
      if (file) void openFile(file)
    }
    addEventListener('dragenter', enter)
    addEventListener('dragover', over)
    addEventListener('dragleave', leave)
    addEventListener('drop', drop)
    return () => {
      removeEventListener('dragenter', enter)
      removeEventListener('dragover', over)
      removeEventListener('dragleave', leave)
      removeEventListener('drop', drop)
    }
  }, [])
}

/** While an import runs or its report is open, the app's global shortcuts (on window) do not act behind it. */
function useKeysStayInDialog(): void {
  useEffect(() => {
    const hold = (e: KeyboardEvent) => {
      const { task, report } = useIoStore.getState()
      if (task || report) e.stopPropagation()
    }
    document.addEventListener('keydown', hold)
    return () => document.removeEventListener('keydown', hold)
  }, [])
}

function useShareLinkOpener(): void {
  useEffect(() => {
    void openShareLinkFromLocation()
    const changed = () => void openShareLinkFromLocation()
    addEventListener('hashchange', changed)
    return () => removeEventListener('hashchange', changed)
  }, [])
}

function Progress({ task }: { task: IoTask }) {
  return (
    <div className="backdrop io-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={task.title}
        aria-busy="true"
        data-testid="io-progress"
      >
        <h2 className="dialog-title">{task.title}</h2>
        <ol className="io-steps">
          {task.steps.map((step, i) => (
            <li
              key={step}
              className={i < task.current ? 'is-done' : i === task.current ? 'is-current' : ''}
              data-testid="io-step"
            >
              {i < task.current ? (
                <CircleCheck size={15} aria-hidden />
              ) : i === task.current ? (
                <LoaderCircle size={15} aria-hidden className="io-spin" />
              ) : (
                <span className="io-step-dot" aria-hidden />
              )}
              {step}
            </li>
          ))}
        </ol>
      </div>
    </div>
  )
}

function Report({ report }: { report: IoReport }) {
  const close = () => setReport(null)
  const t = useT()
  return (
    <Modal title={report.title} onClose={close} testId="io-report">
      <div className={`io-report-head io-${report.tone}`} data-testid="io-report-tone" data-tone={report.tone}>
        {report.tone === 'error' ? <CircleAlert size={18} aria-hidden /> : <CircleCheck size={18} aria-hidden />}
        <div>
          {report.paragraphs.map((p, i) => (
            <p key={i} className="dialog-text" data-testid="io-report-text">
              {p}
            </p>
          ))}
        </div>
      </div>
      {report.link && (
        <textarea
          className="io-link mono"
          readOnly
          value={report.link}
          rows={4}
          aria-label={t('io.shareLink')}
          data-testid="io-share-link"
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      {report.warnings.length > 0 && (
        <details className="io-warnings" open>
          <summary>{t('io.warnings', { count: report.warnings.length })}</summary>
          <ul data-testid="io-warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="dialog-actions">
        {report.offer && (
          <button
            type="button"
            className="button"
            data-testid="io-report-offer"
            onClick={() => {
              close()
              report.offer?.run()
            }}
          >
            {report.offer.label}
          </button>
        )}
        <button type="button" className="button primary" onClick={close} data-autofocus data-testid="io-report-close">
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}

export function IoLayer() {
  const task = useIoStore((s) => s.task)
  const report = useIoStore((s) => s.report)
  const dropping = useIoStore((s) => s.dropping)
  const t = useT()
  useFileDrop()
  useKeysStayInDialog()
  useShareLinkOpener()
  return (
    <>
      {dropping && (
        <div className="io-drop" data-testid="io-drop-overlay" aria-hidden>
          <div className="io-drop-card">
            <FileUp size={28} aria-hidden />
            <strong>{t('io.drop')}</strong>
            <span>{t('io.dropText')}</span>
          </div>
        </div>
      )}
      {task && <Progress task={task} />}
      {!task && report && <Report report={report} />}
    </>
  )
}
