// One message's body, properties and headers (x-death included), rendered as text.

import { describeField } from '../design/typed-fields.ts'
import { useState } from 'react'
import type { Body, MessageProperties } from '../../engine/model.ts'
import { useT } from '../i18n/index.ts'
import { downloadBlob } from '../io/download.ts'

const decoder = new TextDecoder()
export const bodyText = (body: Body | Uint8Array) => (typeof body === 'string' ? body : decoder.decode(body))

/** Past this many characters a body is shown cut (a 1 MB body would freeze the page), with show all and download. */
export const BODY_PREVIEW_CHARS = 64 * 1024

const byteLength = (body: Body | Uint8Array) =>
  typeof body === 'string' ? new TextEncoder().encode(body).length : body.length

function MessageBody({ body }: { body: Body | Uint8Array }) {
  const t = useT()
  const [whole, setWhole] = useState(false)
  const text = bodyText(body)
  const cut = !whole && text.length > BODY_PREVIEW_CHARS
  return (
    <>
      <pre className="message-body" data-testid="message-body">
        {cut ? text.slice(0, BODY_PREVIEW_CHARS) : text}
      </pre>
      {text.length > BODY_PREVIEW_CHARS && (
        <p className="muted" data-testid="message-body-cut">
          {cut && t('browser.bodyCut', { shown: BODY_PREVIEW_CHARS, total: byteLength(body) })}{' '}
          {cut && (
            <button type="button" className="link-button" onClick={() => setWhole(true)} data-testid="message-body-all">
              {t('browser.bodyShowAll')}
            </button>
          )}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() =>
              downloadBlob('message-body.bin', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]))
            }
            data-testid="message-body-download"
          >
            {t('browser.bodyDownload')}
          </button>
        </p>
      )}
    </>
  )
}

export function MessageDetails({ body, properties }: { body: Body | Uint8Array; properties: MessageProperties }) {
  const { headers, ...rest } = properties
  const entries = Object.entries(rest).filter(([, v]) => v !== undefined)
  const t = useT()
  return (
    <div className="message-details">
      <MessageBody body={body} />
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
            {Object.entries(headers).map(([k, v]) => {
              const field = describeField(v)
              return (
                <div key={k} className="fact" data-testid={`header-${k}`} data-type={field.type}>
                  <dt>{k}</dt>
                  <dd className="mono">
                    <span className="field-type">{field.type}</span>{' '}
                    {field.type === 'table' || field.type === 'array' ? <pre>{field.text}</pre> : field.text}
                  </dd>
                </div>
              )
            })}
          </dl>
        </>
      )}
    </div>
  )
}
