// Top bar: the app, undo / redo, layout, view, broker controls, theme and help.

import { CircleHelp, LayoutGrid, Maximize, Moon, Power, Redo2, Sparkles, Sun, Trash2, Undo2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { autoLayout, loadExample, redo, resetAll, restartBroker, undo } from '../session/actions.ts'
import { useBrokerHold } from '../session/broker-hold.ts'
import { useAppStore, type AppState } from '../store/index.ts'
import { toggleTheme } from '../ui/theme.ts'
import { LessonsMenu } from '../lessons/LessonsMenu.tsx'
import { FileMenu } from '../io/FileMenu.tsx'
import { VhostSwitcher } from './VhostSwitcher.tsx'
import { VersionSelect } from '../versions/VersionSelect.tsx'
import { TimeControls } from './TimeControls.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { useT } from '../i18n/index.ts'

const canUndo = (s: AppState) => s.past.length > 0
const canRedo = (s: AppState) => s.future.length > 0
const selectTheme = (s: AppState) => s.theme
const selectHeld = (s: { held: boolean }) => s.held

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
  const t = useT()
  return (
    <button
      type="button"
      className={`tool${props.text ? ' with-text' : ''}${props.tone ? ` ${props.tone}` : ''}`}
      aria-label={props.label}
      title={props.shortcut ? t('toolbar.withShortcut', { label: props.label, shortcut: props.shortcut }) : props.label}
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
  const held = useBrokerHold(selectHeld)
  const t = useT()
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
        <h1 className="brand-name">{t('app.name')}</h1>
        <span className="brand-sub">{t('toolbar.brandSub')}</span>
      </div>
      <div className="toolbar-broker" inert={!held} data-testid="toolbar-broker">
        <FileMenu />
        <VhostSwitcher />
        <VersionSelect />
        <div className="tool-group" role="group" aria-label={t('toolbar.groupEdit')}>
          <ToolButton
            label={t('toolbar.undo')}
            shortcut="Ctrl+Z"
            onClick={() => void undo()}
            disabled={!undoable}
            testId="undo"
          >
            <Undo2 size={16} aria-hidden />
          </ToolButton>
          <ToolButton
            label={t('toolbar.redo')}
            shortcut="Ctrl+Shift+Z"
            onClick={() => void redo()}
            disabled={!redoable}
            testId="redo"
          >
            <Redo2 size={16} aria-hidden />
          </ToolButton>
        </div>
        <div className="tool-group" role="group" aria-label={t('toolbar.groupView')}>
          <ToolButton
            label={t('toolbar.autoLayout')}
            shortcut="L"
            onClick={() => void autoLayout()}
            testId="auto-layout"
            text={t('toolbar.layout')}
          >
            <LayoutGrid size={16} aria-hidden />
          </ToolButton>
          <ToolButton
            label={t('toolbar.fitView')}
            shortcut="F"
            onClick={() => useAppStore.getState().requestFit()}
            testId="fit-view"
            text={t('toolbar.fit')}
          >
            <Maximize size={16} aria-hidden />
          </ToolButton>
          <ToolButton
            label={t('toolbar.addExample')}
            onClick={() => void loadExample()}
            testId="load-example"
            text={t('toolbar.example')}
          >
            <Sparkles size={16} aria-hidden />
          </ToolButton>
          <LessonsMenu />
        </div>
      </div>
      <div className="spacer" />
      <div className="toolbar-broker" inert={!held}>
        <TimeControls />
        <div className="tool-group" role="group" aria-label={t('toolbar.groupBroker')}>
          <ToolButton
            label={t('toolbar.restartBroker')}
            onClick={() => void restartBroker()}
            testId="restart-broker"
            text={t('toolbar.restart')}
          >
            <Power size={16} aria-hidden />
          </ToolButton>
          <ToolButton
            label={t('toolbar.resetAll')}
            onClick={() => void resetAll()}
            testId="reset-broker"
            text={t('toolbar.reset')}
            tone="danger"
          >
            <Trash2 size={16} aria-hidden />
          </ToolButton>
        </div>
      </div>
      <div className="tool-group" role="group" aria-label={t('toolbar.groupPreferences')}>
        <LanguageSwitch />
        <ToolButton
          label={theme === 'dark' ? t('toolbar.lightTheme') : t('toolbar.darkTheme')}
          shortcut="D"
          onClick={toggleTheme}
          testId="theme-toggle"
        >
          {theme === 'dark' ? <Sun size={16} aria-hidden /> : <Moon size={16} aria-hidden />}
        </ToolButton>
        <ToolButton
          label={t('toolbar.shortcuts')}
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
