// The toolbar's Lessons menu: a plain select, so it is keyboard-friendly and needs no popover code.
// A lesson whose challenges are all met is ticked. The lessons and their titles load when the menu is first
// reached (hover, press or focus), so the first view does not carry them.

import { GraduationCap } from 'lucide-react'
import { useState } from 'react'
import { loadNamespace, useT } from '../i18n/index.ts'
import { useProgress } from './progress.ts'
import { lessonKey } from './texts.ts'
import './lessons-menu.css'

const loadLessons = () =>
  Promise.all([import('./lessons.ts'), loadNamespace('lessons')]).then(([m]) => m.LESSONS.map((l) => l.id))

export function LessonsMenu() {
  const t = useT()
  const progress = useProgress((s) => s.lessons)
  const [ids, setIds] = useState<string[]>([])
  const reach = () => {
    if (ids.length === 0) void loadLessons().then(setIds)
  }
  return (
    <label className="tool with-text lessons-menu" title={t('lessonsMenu.title')} onPointerEnter={reach}>
      <GraduationCap size={16} aria-hidden />
      <select
        aria-label={t('lessonsMenu.label')}
        data-testid="lessons-menu"
        value=""
        onPointerDown={reach}
        onFocus={reach}
        onChange={(e) => {
          const id = e.target.value
          e.target.value = ''
          if (id) void import('./open.ts').then((m) => m.startLesson(id))
        }}
      >
        <option value="">{t('lessonsMenu.label')}</option>
        {ids.map((id, i) => (
          <option key={id} value={id}>
            {t('lessonsMenu.option', { number: i + 1, title: t(lessonKey(id, 'title')) })}
            {progress[id]?.done ? ' ✓' : ''}
          </option>
        ))}
      </select>
    </label>
  )
}
