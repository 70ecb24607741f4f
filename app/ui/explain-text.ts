// Why a binding matched or not, in the reader's language: the engine gives the verdict as data
// (engine/exchanges/router.ts VerdictWhy), the catalogue holds the words (explain.why.*).

import type { BindingVerdict } from '../../engine/explain.ts'
import type { HeaderCheck, TopicMiss, TopicStep } from '../../engine/exchanges/router.ts'
import { t } from '../i18n/index.ts'

const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`)

function stepText(step: TopicStep): string {
  if (step.kind === 'hash')
    return step.words.length === 0
      ? t('explain.why.hashNone')
      : t('explain.why.hash', { words: quoted(step.words).join('.') })
  if (step.kind === 'star') return t('explain.why.star', { word: step.word })
  return t('explain.why.word', { part: step.part, word: step.word })
}

function missText(miss: TopicMiss): string {
  if (miss.kind === 'word') return t('explain.why.missWord', { ...miss })
  return t('explain.why.missLength', { ...miss })
}

function checkText(check: HeaderCheck): string {
  if (check.state === 'compared') return t('explain.why.headerCompared', { ...check, same: check.same ? 'yes' : 'no' })
  return t(check.state === 'missing' ? 'explain.why.headerMissing' : 'explain.why.headerPresent', { key: check.key })
}

export function verdictText(verdict: BindingVerdict): string {
  const why = verdict.why
  if (!why) return verdict.reason
  switch (why.code) {
    case 'default-exchange':
      return t(why.exists ? 'explain.why.defaultExchange' : 'explain.why.noSuchQueue', { queue: why.queue })
    case 'direct':
      return verdict.matched
        ? t('explain.why.directMatch', { bindingKey: why.bindingKey })
        : t('explain.why.directMiss', { bindingKey: why.bindingKey, keys: quoted(why.keys).join(', ') })
    case 'fanout':
      return t('explain.why.fanout')
    case 'topic-match':
      return t('explain.why.topicMatch', {
        pattern: why.pattern,
        key: why.key,
        steps: why.steps.map(stepText).join(', '),
      })
    case 'topic-miss':
      return why.misses.map(missText).join('; ')
    case 'headers':
      return t('explain.why.headers', {
        mode: why.mode,
        detail: why.checks.length > 0 ? why.checks.map(checkText).join(', ') : t('explain.why.noKeys'),
      })
    case 'plugin':
      return t('explain.why.plugin', { type: why.type })
    case 'ring':
      return why.chosen ? t('explain.why.ringChosen', { weight: why.weight }) : t('explain.why.ringOther')
    case 'modulus':
      return why.chosen ? t('explain.why.modulusChosen', { count: why.bindings }) : t('explain.why.modulusOther')
    case 'random':
      return t('explain.why.random')
    default: {
      const unreachable: never = why
      return String(unreachable)
    }
  }
}
