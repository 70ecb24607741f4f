// The open lesson's explanation: what it shows, what to watch, what to try, and its buttons.

import { useEffect, useState } from 'react'
import { ChevronDown, ChevronUp, X } from 'lucide-react'
import { openLessonFromUrl, playLessonAction, stopLesson, useLessonStore } from './open.ts'
import { currentLanguage, useT } from '../i18n/index.ts'
import './lessons.css'

export function LessonPanel() {
  const lesson = useLessonStore((s) => s.lesson)
  const busy = useLessonStore((s) => s.busy)
  const [open, setOpen] = useState(true)
  useT() // re-renders when the language changes
  useEffect(() => openLessonFromUrl(location.search), [])
  if (!lesson) return null
  // Lessons written in both languages (the cluster lessons) speak French when the interface does.
  const fr = currentLanguage() === 'fr' ? lesson.fr : undefined
  const text = fr ?? lesson
  return (
    <aside
      className="lesson-panel"
      data-testid="lesson-panel"
      data-lesson={lesson.id}
      data-ready={busy ? 'false' : 'true'}
      aria-label={`Lesson: ${text.title}`}
    >
      <header>
        <h2>{text.title}</h2>
        <button
          type="button"
          className="lesson-close"
          aria-label={open ? 'Fold the lesson' : 'Unfold the lesson'}
          onClick={() => setOpen(!open)}
        >
          {open ? <ChevronUp size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
        </button>
        <button type="button" className="lesson-close" aria-label="Close the lesson" onClick={() => void stopLesson()}>
          <X size={14} aria-hidden />
        </button>
      </header>
      {open && (
        <>
          <p>{text.summary}</p>
          <h3>What to watch</h3>
          <ul>
            {text.watch.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <h3>What to try</h3>
          <ul>
            {text.tryIt.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          {text.simulated && (
            <p className="lesson-note">
              <strong>What is simulated: </strong>
              {text.simulated}
            </p>
          )}
        </>
      )}
      <div className="lesson-actions">
        {lesson.actions.map((a) => (
          <button
            key={a.id}
            type="button"
            disabled={busy}
            data-testid={`lesson-action-${a.id}`}
            onClick={() => void playLessonAction(a)}
          >
            {fr?.actions[a.id] ?? a.label}
          </button>
        ))}
      </div>
    </aside>
  )
}
