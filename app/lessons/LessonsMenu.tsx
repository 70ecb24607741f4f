// The toolbar's Lessons menu: a plain select, so it is keyboard-friendly and needs no popover code.

import { GraduationCap } from 'lucide-react'
import { ALL_LESSONS } from './catalogue.ts'
import { startLesson } from './open.ts'

export function LessonsMenu() {
  return (
    <label className="tool with-text lessons-menu" title="Open a lesson">
      <GraduationCap size={16} aria-hidden />
      <select
        aria-label="Lessons"
        data-testid="lessons-menu"
        value=""
        onChange={(e) => {
          const id = e.target.value
          e.target.value = ''
          if (id) void startLesson(id)
        }}
      >
        <option value="">Lessons</option>
        {ALL_LESSONS.map((l) => (
          <option key={l.id} value={l.id}>
            {l.title}
          </option>
        ))}
      </select>
    </label>
  )
}
