// "Connect to RabbitMQ…": the management URL and credentials of a real broker. The password stays in memory for
// the tab (sessionStorage only if asked); a refusal says exactly why, with the rabbitmq.conf lines CORS needs.

import { useState } from 'react'
import { ManagementConnectError } from '../broker/management-errors.ts'
import { useT } from '../i18n/index.ts'
import { useManagementConnection } from './connection.ts'

export function ConnectForm({ onDone }: { onDone: () => void }) {
  const t = useT('management')
  const connect = useManagementConnection((s) => s.connect)
  const [url, setUrl] = useState('http://localhost:15672')
  const [username, setUsername] = useState('guest')
  const [password, setPassword] = useState('')
  const [remember, setRemember] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; cors: string | null } | null>(null)
  return (
    <form
      className="mgmt-connect"
      data-testid="mgmt-connect"
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        setFailure(null)
        connect({ url, username, password }, remember).then(
          () => {
            setBusy(false)
            setPassword('')
            onDone()
          },
          (error: unknown) => {
            setBusy(false)
            setFailure(
              error instanceof ManagementConnectError
                ? { message: error.message, cors: error.corsConfig }
                : { message: String(error), cors: null },
            )
          },
        )
      }}
    >
      <h3>{t('connect.title')}</h3>
      <label>
        {t('connect.url')}
        <input value={url} onChange={(e) => setUrl(e.target.value)} required data-testid="mgmt-url" />
      </label>
      <label>
        {t('connect.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="username" />
      </label>
      <label>
        {t('connect.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          data-testid="mgmt-password"
        />
      </label>
      <label className="inline">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        {t('connect.remember')}
      </label>
      <p className="muted">{t('connect.privacy')}</p>
      <div className="mgmt-connect-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="mgmt-connect-submit">
          {busy ? t('connect.connecting') : t('connect.connect')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('connect.cancel')}
        </button>
      </div>
      {failure && (
        <div className="form-error" role="alert" data-testid="mgmt-connect-error">
          <p>{failure.message}</p>
          {failure.cors && <pre className="mono">{failure.cors}</pre>}
        </div>
      )}
    </form>
  )
}
