// What the broker client says when it cannot carry a command (broker.client.* in the catalogue).

import { t } from '../i18n/index.ts'

export const clientMessages = {
  get locked() {
    return t('broker.client.locked')
  },
  stopped: (why: string) => t('broker.client.stopped', { why }),
  unsendable: (why: string) => t('broker.client.unsendable', { why }),
}
