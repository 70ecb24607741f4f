// Catalogue texts with <kbd> and <b> render as those elements, the rest as plain (escaped) text.

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { t } from '../../app/i18n/index.ts'
import { RichText } from '../../app/ui/RichText.tsx'

const html = (text: string) => renderToStaticMarkup(createElement(RichText, { text }))

describe('RichText', () => {
  it('turns <kbd> and <b> into elements and keeps the text around them', () => {
    expect(html('press <kbd>E</kbd> and <kbd>Q</kbd>.')).toBe('press <kbd>E</kbd> and <kbd>Q</kbd>.')
    expect(html('the <b>Publish</b> tab')).toBe('the <b>Publish</b> tab')
    expect(html('no tags')).toBe('no tags')
  })

  it('leaves any other markup as text', () => {
    expect(html('<img src=x> <i>no</i>')).toBe('&lt;img src=x&gt; &lt;i&gt;no&lt;/i&gt;')
  })

  it('renders the overview steps of the catalogue', () => {
    expect(html(t('overview.steps.select'))).toBe('Select anything to edit it here. <kbd>?</kbd> lists every shortcut.')
  })
})
