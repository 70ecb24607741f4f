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
