// A modal dialog: focus moves in, Escape closes, the page behind is inert to pointer and keys.

import { useEffect, useId, useRef, type ReactNode } from 'react'

export function Modal(props: { title: string; onClose(): void; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input, textarea, select, button')
    first?.focus()
    return () => previous?.focus?.()
  }, [])
  return (
    <div className="backdrop" onPointerDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={ref}
        className={`dialog${props.wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={props.testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation()
            props.onClose()
          }
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {props.title}
        </h2>
        {props.children}
      </div>
    </div>
  )
}
