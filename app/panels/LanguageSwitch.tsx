// FR / EN in the toolbar: switches every text at once; the choice is remembered (app/i18n).

import { currentLanguage, LANGUAGES, setLanguage, useT } from '../i18n/index.ts'

export function LanguageSwitch() {
  const t = useT()
  const active = currentLanguage()
  return (
    <div className="language-switch" role="group" aria-label={t('toolbar.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className={`tool language${language === active ? ' is-active' : ''}`}
          aria-pressed={language === active}
          title={t(`language.${language}`)}
          lang={language}
          onClick={() => void setLanguage(language)}
          data-testid={`language-${language}`}
        >
          {/* The visible code starts the accessible name, so a voice command "FR" finds the button too. */}
          <span>{language.toUpperCase()}</span>
          <span className="visually-hidden"> {t(`language.${language}`)}</span>
        </button>
      ))}
    </div>
  )
}
