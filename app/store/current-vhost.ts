// The vhost the canvas shows, for code outside React; components read it with useAppStore(selectVhost).

import { useAppStore } from './index.ts'

export const currentVhost = () => useAppStore.getState().vhost
