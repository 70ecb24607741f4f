// The version profile's words in French and English, kept together under the keys they will have in
// app/i18n/locales/*/common.json (`version.*`), so moving them into the catalogue is mechanical.

import { currentLanguage } from '../i18n/index.ts'

const en = {
  statusBar: (release: string) => `RabbitMQ ${release}`,
  statusBarTitle: 'The RabbitMQ version this broker behaves as',
  selectLabel: 'RabbitMQ version',
  optionLabel: (version: string, release: string, isDefault: boolean) =>
    `RabbitMQ ${version} (${release})${isDefault ? ', default' : ''}`,
  switchTitle: (from: string, to: string) => `Switch from RabbitMQ ${from} to ${to}?`,
  switchIntro: (to: string) =>
    `The broker restarts as RabbitMQ ${to} would after an upgrade: durable entities and persistent messages come back, transient ones are gone. For this design, the switch means:`,
  switchNothing: (to: string) => `Nothing in this design behaves differently on RabbitMQ ${to}.`,
  switchConfirm: (to: string) => `Switch to ${to}`,
  switched: (to: string) => `The broker now behaves as RabbitMQ ${to}`,
  switchFailed: (error: string) => `Switching failed: ${error}`,
  importTitle: (release: string) => `The file comes from RabbitMQ ${release}`,
  importText: (release: string, version: string, current: string) =>
    `It was exported by RabbitMQ ${release}; this broker behaves as ${current}. Switch it to ${version} before importing, so the design behaves as where it came from?`,
  importSwitch: (version: string) => `Switch to ${version}`,
  lintOn: (version: string) => `on ${version}`,
}

type Words = typeof en

const fr: Words = {
  statusBar: (release) => `RabbitMQ ${release}`,
  statusBarTitle: 'La version de RabbitMQ dont ce broker reproduit le comportement',
  selectLabel: 'Version de RabbitMQ',
  optionLabel: (version, release, isDefault) => `RabbitMQ ${version} (${release})${isDefault ? ', par défaut' : ''}`,
  switchTitle: (from, to) => `Passer de RabbitMQ ${from} à ${to} ?`,
  switchIntro: (to) =>
    `Le broker redémarre comme RabbitMQ ${to} après une mise à jour : les entités durables et les messages persistants reviennent, les autres disparaissent. Pour ce design, le changement signifie :`,
  switchNothing: (to) => `Rien dans ce design ne se comporte autrement sur RabbitMQ ${to}.`,
  switchConfirm: (to) => `Passer à ${to}`,
  switched: (to) => `Le broker se comporte maintenant comme RabbitMQ ${to}`,
  switchFailed: (error) => `Le changement a échoué : ${error}`,
  importTitle: (release) => `Le fichier vient de RabbitMQ ${release}`,
  importText: (release, version, current) =>
    `Il a été exporté par RabbitMQ ${release} ; ce broker se comporte comme ${current}. Passer à ${version} avant l'import, pour que le design se comporte comme là d'où il vient ?`,
  importSwitch: (version) => `Passer à ${version}`,
  lintOn: (version) => `sur ${version}`,
}

export function versionWords(): Words {
  return currentLanguage() === 'fr' ? fr : en
}
