// What a panel shows while its code or its words load (a lazy chunk): a line of text, announced politely.

import { useT } from '../i18n/index.ts'

export function PanelLoading() {
  const t = useT()
  return (
    <div className="panel-loading" role="status" data-testid="panel-loading">
      {t('loading.panel')}
    </div>
  )
}
