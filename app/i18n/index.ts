// Words through one door: every user-visible text is a key in app/i18n/locales/<language>/<namespace>.json.
// Locale bundles are lazy chunks (import.meta.glob), so a language costs nothing until it is chosen, and a
// namespace nothing until a view that shows it renders: the first view reads only `common` of one language.

import i18next, { type BackendModule, type TOptions } from 'i18next'
import ICU from 'i18next-icu'
import { initReactI18next, useTranslation } from 'react-i18next'

export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]
/** common: the interface; lessons: lesson texts, challenges and questions; management: the management API and pages. */
export const NAMESPACES = ['common', 'lessons', 'management'] as const
export type Namespace = (typeof NAMESPACES)[number]

const STORAGE_KEY = 'warren.language'
type Bundle = { default: Record<string, unknown> }
// In Vite builds each bundle is a lazy chunk; in Node (the CLI, checks against a real RabbitMQ) it is read as JSON.
const bundles: Record<string, () => Promise<Bundle>> | null =
  import.meta.env === undefined ? null : import.meta.glob<Bundle>('./locales/*/*.json')

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The remembered choice, else the browser's first language Warren speaks, else English. */
export function preferredLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (isLanguage(saved)) return saved
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0]
    if (isLanguage(base)) return base
  }
  return 'en'
}

async function readBundle(language: Language, namespace: Namespace): Promise<Bundle> {
  const file = `./locales/${language}/${namespace}.json`
  if (bundles === null)
    return import(/* @vite-ignore */ new URL(file, import.meta.url).href, { with: { type: 'json' } })
  const load = bundles[file]
  if (!load) throw new Error(`missing locale bundle ${language}/${namespace}`)
  return load()
}

// i18next asks for each (language, namespace) the first time it is needed: `useT('lessons')` suspends the panel
// until its words are read, and switching language reads the namespaces already in use in the new language.
const bundleBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    readBundle(language as Language, namespace as Namespace).then(
      (bundle) => callback(null, bundle.default as never),
      (error: Error) => callback(error, false),
    )
  },
}

/**
 * Loads the language's bundles of `namespaces` before the first render; the others load when first used.
 * Both catalogues hold the same keys (tests/lint/i18n.mjs), so no fallback language is loaded beside it.
 */
export async function initI18n(
  language: Language = preferredLanguage(),
  namespaces: readonly Namespace[] = NAMESPACES,
): Promise<void> {
  await i18next
    .use(bundleBackend)
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      ns: [...namespaces],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
    })
  applyDocumentLanguage(language)
}

/** For code outside React that is about to call `t('lessons:…')`: resolves once that namespace is read. */
export function loadNamespace(namespace: Namespace): Promise<void> {
  return i18next.loadNamespaces(namespace)
}

function applyDocumentLanguage(language: Language): void {
  if (globalThis.document) document.documentElement.lang = language
}

/** Switches the language everywhere and remembers it. */
export async function setLanguage(language: Language): Promise<void> {
  globalThis.localStorage?.setItem(STORAGE_KEY, language)
  await i18next.changeLanguage(language)
  applyDocumentLanguage(language)
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en'
}

/** For code outside React (stores, sessions, formatters): `t('common:toolbar.play')`. */
export function t(key: string, values?: TOptions): string {
  return i18next.t(key, values ?? {}) as string
}

/** In components: `const t = useT(); t('toolbar.play')`; re-renders when the language changes. */
export function useT(namespace: Namespace = 'common') {
  return useTranslation(namespace).t
}

/** Numbers per locale (counts, rates): 1 234,5 in French, 1,234.5 in English. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), options).format(value)
}
