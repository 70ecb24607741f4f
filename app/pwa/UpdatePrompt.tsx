// "A new version of Warren is ready — Reload": shown when the service worker has installed a new build.

import { useEffect, useSyncExternalStore } from 'react'
import { startServiceWorker, updateState } from './register.ts'
import './update-prompt.css'
import { useT } from '../i18n/index.ts'

export function UpdatePrompt() {
  useEffect(startServiceWorker, [])
  const t = useT()
  const needRefresh = useSyncExternalStore(updateState.subscribe, updateState.needRefresh)
  // The live region stays mounted so screen readers announce the message when it appears.
  return (
    <div className="update-prompt-region" role="status" aria-live="polite" data-testid="update-prompt-region">
      {needRefresh && (
        <div className="update-prompt" data-testid="update-prompt">
          <span>{t('update.ready')}</span>
          <button type="button" className="update-prompt-primary" onClick={() => void updateState.reload()}>
            {t('update.reload')}
          </button>
          <button
            type="button"
            className="update-prompt-secondary"
            onClick={updateState.dismiss}
            title={t('update.laterHint')}
          >
            {t('update.later')}
          </button>
        </div>
      )}
    </div>
  )
}
