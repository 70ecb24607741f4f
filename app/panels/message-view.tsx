// One message's body, properties and headers (x-death included), rendered as text.

import type { Body, MessageProperties } from '../../engine/model.ts'
import { useT } from '../i18n/index.ts'

const decoder = new TextDecoder()
export const bodyText = (body: Body | Uint8Array) => (typeof body === 'string' ? body : decoder.decode(body))

export function MessageDetails({ body, properties }: { body: Body | Uint8Array; properties: MessageProperties }) {
  const { headers, ...rest } = properties
  const entries = Object.entries(rest).filter(([, v]) => v !== undefined)
  const t = useT()
  return (
    <div className="message-details">
      <pre className="message-body" data-testid="message-body">
        {bodyText(body)}
      </pre>
      {entries.length > 0 && (
        <dl className="facts">
          {entries.map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd className="mono">{String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {headers && Object.keys(headers).length > 0 && (
        <>
          <h4 className="section-title">{t('connect.headers')}</h4>
          <dl className="facts">
            {Object.entries(headers).map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd className="mono">{typeof v === 'string' ? v : <pre>{JSON.stringify(v, null, 2)}</pre>}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  )
}
