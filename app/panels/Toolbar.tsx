// Top bar: the app, undo / redo, layout, view, broker controls, theme and help.

import { CircleHelp, LayoutGrid, Maximize, Moon, Power, Redo2, Sparkles, Sun, Trash2, Undo2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { autoLayout, loadExample, redo, resetAll, restartBroker, undo } from '../session/actions.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { toggleTheme } from '../ui/theme.ts'
import { LessonsMenu } from '../lessons/LessonsMenu.tsx'
import { FileMenu } from '../io/FileMenu.tsx'
import { VhostSwitcher } from './VhostSwitcher.tsx'
import { TimeControls } from './TimeControls.tsx'

const canUndo = (s: AppState) => s.past.length > 0
const canRedo = (s: AppState) => s.future.length > 0
const selectTheme = (s: AppState) => s.theme

function ToolButton(props: {
  label: string
  shortcut?: string
  onClick(): void
  disabled?: boolean
  children: ReactNode
  testId?: string
  text?: string
  tone?: 'danger'
}) {
  return (
    <button
      type="button"
      className={`tool${props.text ? ' with-text' : ''}${props.tone ? ` ${props.tone}` : ''}`}
      aria-label={props.label}
      title={props.shortcut ? `${props.label} (${props.shortcut})` : props.label}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      {props.children}
      {props.text && <span>{props.text}</span>}
    </button>
  )
}

export function Toolbar() {
  const undoable = useAppStore(canUndo)
  const redoable = useAppStore(canRedo)
  const theme = useAppStore(selectTheme)
  return (
    <header className="toolbar">
      <div className="brand">
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden className="brand-mark">
          <path
            d="M4 18c0-5 3-9 8-9s8 4 8 9"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
          />
          <circle cx="12" cy="18" r="2.4" fill="currentColor" />
        </svg>
        <span className="brand-name">Warren</span>
        <span className="brand-sub">RabbitMQ designer</span>
      </div>
      <FileMenu />
      <VhostSwitcher />
      <div className="tool-group" role="group" aria-label="Edit">
        <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={() => void undo()} disabled={!undoable} testId="undo">
          <Undo2 size={16} aria-hidden />
        </ToolButton>
        <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={() => void redo()} disabled={!redoable} testId="redo">
          <Redo2 size={16} aria-hidden />
        </ToolButton>
      </div>
      <div className="tool-group" role="group" aria-label="View">
        <ToolButton
          label="Auto-layout"
          shortcut="L"
          onClick={() => void autoLayout()}
          testId="auto-layout"
          text="Layout"
        >
          <LayoutGrid size={16} aria-hidden />
        </ToolButton>
        <ToolButton
          label="Fit view"
          shortcut="F"
          onClick={() => useAppStore.getState().requestFit()}
          testId="fit-view"
          text="Fit"
        >
          <Maximize size={16} aria-hidden />
        </ToolButton>
        <ToolButton
          label="Add the e-commerce example"
          onClick={() => void loadExample()}
          testId="load-example"
          text="Example"
        >
          <Sparkles size={16} aria-hidden />
        </ToolButton>
        <LessonsMenu />
      </div>
      <div className="spacer" />
      <TimeControls />
      <div className="tool-group" role="group" aria-label="Broker">
        <ToolButton label="Restart broker" onClick={() => void restartBroker()} testId="restart-broker" text="Restart">
          <Power size={16} aria-hidden />
        </ToolButton>
        <ToolButton
          label="Reset broker and design"
          onClick={() => void resetAll()}
          testId="reset-broker"
          text="Reset"
          tone="danger"
        >
          <Trash2 size={16} aria-hidden />
        </ToolButton>
      </div>
      <div className="tool-group" role="group" aria-label="Preferences">
        <ToolButton
          label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          shortcut="D"
          onClick={toggleTheme}
          testId="theme-toggle"
        >
          {theme === 'dark' ? <Sun size={16} aria-hidden /> : <Moon size={16} aria-hidden />}
        </ToolButton>
        <ToolButton
          label="Keyboard shortcuts"
          shortcut="?"
          onClick={() => useAppStore.getState().setHelpOpen(true)}
          testId="help"
        >
          <CircleHelp size={16} aria-hidden />
        </ToolButton>
      </div>
    </header>
  )
}
