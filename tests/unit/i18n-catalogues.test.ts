import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const LOCALES = join(import.meta.dirname, '../../app/i18n/locales')

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
}

function catalogue(language: string, namespace: string): string[] {
  return keysOf(JSON.parse(readFileSync(join(LOCALES, language, namespace), 'utf8'))).sort()
}

describe('locale catalogues', () => {
  const languages = readdirSync(LOCALES)
  const namespaces = readdirSync(join(LOCALES, 'en'))

  it('speak English and French', () => {
    expect(languages.sort()).toEqual(['en', 'fr'])
    expect(namespaces.sort()).toEqual(['common.json', 'lessons.json'])
  })

  it.each(namespaces)('%s holds the same keys in French as in English', (namespace) => {
    expect(catalogue('fr', namespace)).toEqual(catalogue('en', namespace))
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
