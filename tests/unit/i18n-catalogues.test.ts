import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'

const LOCALES = join(import.meta.dirname, '../../app/i18n/locales')

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
}

function messages(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') into.set(prefix, value)
  else for (const [k, v] of Object.entries(value as object)) messages(v, prefix ? `${prefix}.${k}` : k, into)
  return into
}

function catalogue(language: string, namespace: string): string[] {
  return keysOf(JSON.parse(readFileSync(join(LOCALES, language, namespace), 'utf8'))).sort()
}

describe('locale catalogues', () => {
  const languages = readdirSync(LOCALES)
  const namespaces = readdirSync(join(LOCALES, 'en'))

  it('speak English and French', () => {
    expect(languages.sort()).toEqual(['en', 'fr'])
    expect(namespaces.sort()).toEqual(['common.json', 'lessons.json', 'management.json'])
  })

  it.each(namespaces)('%s holds the same keys in French as in English', (namespace) => {
    expect(catalogue('fr', namespace)).toEqual(catalogue('en', namespace))
  })

  it.each(languages)('every %s message formats, with no brace left over from a swallowed placeholder', (language) => {
    const anyValue = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? 1 : undefined), has: () => true })
    for (const namespace of namespaces) {
      const all = messages(JSON.parse(readFileSync(join(LOCALES, language, namespace), 'utf8')))
      for (const [key, text] of all) {
        const shown = String(new IntlMessageFormat(text, language, undefined, { ignoreTag: true }).format(anyValue))
        const escapesBraces = text.includes("'{'") || text.includes("'}'")
        if (!escapesBraces) expect(shown, `${language}/${namespace} ${key}`).not.toMatch(/[{}]/)
      }
    }
  })
})

describe('messages', () => {
  it('format ICU plurals and numbers in each language', async () => {
    const { setLanguage, t, formatNumber } = await import('../../app/i18n/index.ts')
    expect(t('inspector.selected', { count: 1 })).toBe('1 item selected.')
    expect(t('inspector.selected', { count: 3 })).toBe('3 items selected.')
    expect(formatNumber(1234.5)).toBe('1,234.5')
    await setLanguage('fr')
    try {
      expect(t('inspector.selected', { count: 3 })).toBe('3 éléments sélectionnés.')
      expect(formatNumber(1234.5)).toBe('1\u202f234,5')
    } finally {
      await setLanguage('en')
    }
  })
})

describe('lint findings', () => {
  it('read the same in English as the engine writes them, and in French from their parts', async () => {
    const { lintMessage } = await import('../../app/ui/lint-text.ts')
    const { setLanguage } = await import('../../app/i18n/index.ts')
    const { TestBroker } = await import('./test-broker.ts')
    const { lintBroker } = await import('../../engine/lint.ts')
    const b = new TestBroker().queue('work', { 'x-dead-letter-exchange': 'gone' })
    const findings = lintBroker(b.broker)
    expect(findings.length).toBeGreaterThan(0)
    for (const f of findings) expect(lintMessage(f)).toBe(f.message)
    await setLanguage('fr')
    try {
      const missing = findings.find((f) => f.rule === 'missing-dead-letter-exchange')!
      expect(lintMessage(missing)).toBe(
        "La queue « work » envoie ses dead-letters vers l'exchange « gone », qui n'existe pas : ses messages rejetés et expirés sont perdus.",
      )
    } finally {
      await setLanguage('en')
    }
  })
})

describe('routing explanations', () => {
  it('read in English as the engine words them, and in French from the verdicts', async () => {
    const { verdictText } = await import('../../app/ui/explain-text.ts')
    const { setLanguage } = await import('../../app/i18n/index.ts')
    const { TestBroker } = await import('./test-broker.ts')
    const { explainRoute } = await import('../../engine/explain.ts')
    const b = new TestBroker()
      .exchange('orders', 'topic')
      .exchange('direct', 'direct')
      .exchange('all', 'fanout')
      .exchange('match', 'headers')
      .queue('created')
      .queue('paid')
      .queue('eu')
      .bind('orders', 'created', 'order.#')
      .bind('orders', 'paid', 'order.*.paid')
      .bind('orders', 'eu', '*.*.eu')
      .bind('direct', 'paid', 'paid')
      .bind('all', 'eu')
      .bind('match', 'eu', '', { 'x-match': 'all', region: 'eu', tier: 1 })
    const vhost = b.broker.vhosts.get('/')!
    const verdicts = [
      explainRoute(vhost, 'orders', 'order.created'),
      explainRoute(vhost, 'orders', 'order'),
      explainRoute(vhost, 'direct', 'lost'),
      explainRoute(vhost, 'all', 'x'),
      explainRoute(vhost, 'match', '', { region: 'eu' }),
      explainRoute(vhost, '', 'created'),
      explainRoute(vhost, '', 'nowhere'),
    ].flatMap((r) => r.hops.flatMap((h) => h.bindings))
    expect(new Set(verdicts.map((v) => v.why.code)).size).toBe(6)
    for (const v of verdicts) expect(verdictText(v)).toBe(v.reason)
    await setLanguage('fr')
    try {
      const topic = explainRoute(vhost, 'orders', 'order.created').hops[0].bindings.find((v) => v.matched)!
      expect(verdictText(topic)).toBe(
        '"order.#" correspond à "order.created" : "order" = "order", "#" a pris "created"',
      )
    } finally {
      await setLanguage('en')
    }
  })
})
