// Every text a lesson shows exists in English and in French, and both locales have the same keys.

import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import en from '../../app/i18n/locales/en/lessons.json' with { type: 'json' }
import fr from '../../app/i18n/locales/fr/lessons.json' with { type: 'json' }
import { LESSONS } from '../../app/lessons/lessons.ts'
import { actionKey, challengeKey, conditionText, lessonKey, questionKey } from '../../app/lessons/texts.ts'

type Tree = { [key: string]: Tree | Tree[] | string }

function lookup(tree: Tree, key: string): unknown {
  let at: unknown = tree
  for (const part of key.replace(/^lessons:/, '').split('.')) at = (at as Tree | undefined)?.[part]
  return at
}

function leaves(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix]
  if (Array.isArray(tree)) return [`${prefix}[${tree.length}]`]
  return Object.entries(tree as Tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
}

function strings(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  return Object.values(tree as Tree).flatMap(strings)
}

function keysOf(): string[] {
  const keys: string[] = []
  for (const l of LESSONS) {
    keys.push(lessonKey(l.id, 'title'), lessonKey(l.id, 'summary'), `lessons:sections.${l.section}`)
    if (l.simulated) keys.push(lessonKey(l.id, 'simulated'))
    if (!l.quiet) keys.push(lessonKey(l.id, 'traffic'))
    for (const a of l.actions) keys.push(actionKey(l.id, a.id))
    for (const c of l.challenges) {
      keys.push(challengeKey(l.id, c.id))
      for (const condition of c.conditions) keys.push(conditionText(condition)[0])
    }
    for (const q of l.questions) {
      keys.push(questionKey(l.id, q.id, 'prompt'))
      // what the broker did, said in words, whichever choice it turns out to be
      if (q.case.kind === 'settle') for (const choice of q.choices) keys.push(`lessons:quiz.settle.${choice.outcome}`)
      for (const choice of q.choices) keys.push(questionKey(l.id, q.id, 'choices', choice.id))
    }
  }
  return keys
}

describe('lesson texts', () => {
  it('both locales have the same keys', () => {
    expect(leaves(fr).sort()).toEqual(leaves(en).sort())
  })

  for (const [name, tree] of [
    ['en', en],
    ['fr', fr],
  ] as const)
    it(`every lesson text is in ${name}`, () => {
      const missing = keysOf().filter((k) => typeof lookup(tree as unknown as Tree, k) !== 'string')
      expect(missing).toEqual([])
      for (const l of LESSONS) {
        expect(lookup(tree as unknown as Tree, lessonKey(l.id, 'watch')), l.id).toBeInstanceOf(Array)
        expect(lookup(tree as unknown as Tree, lessonKey(l.id, 'try')), l.id).toBeInstanceOf(Array)
      }
    })

  for (const [name, tree] of [
    ['en', en],
    ['fr', fr],
  ] as const)
    it(`every ${name} text is a valid ICU message that keeps no quote around a placeholder`, () => {
      for (const text of strings(tree)) {
        expect(() => new IntlMessageFormat(text, name), text).not.toThrow()
        expect(text, text).not.toMatch(/'[{}#|]/)
      }
    })
})
