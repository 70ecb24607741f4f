// The version profile's words in French and English, kept together under the keys they will have in
// app/i18n/locales/*/common.json (`version.*`), so moving them into the catalogue is mechanical.

import type { VersionChange } from '../../engine/version-changes.ts'
import { currentLanguage } from '../i18n/index.ts'

const en = {
  statusBar: (release: string) => `RabbitMQ ${release}`,
  statusBarTitle: 'The RabbitMQ version this broker behaves as',
  selectLabel: 'RabbitMQ version',
  faceName: 'RabbitMQ',
  optionLabel: (version: string, release: string, isDefault: boolean) =>
    `RabbitMQ ${version} (${release})${isDefault ? ', default' : ''}`,
  switchTitle: (from: string, to: string) => `Switch from RabbitMQ ${from} to ${to}?`,
  switchIntro: (to: string) =>
    `The broker restarts as RabbitMQ ${to} would after an upgrade: durable entities and persistent messages come back, transient ones are gone. For this design, the switch means:`,
  switchNothing: (to: string) => `Nothing in this design behaves differently on RabbitMQ ${to}.`,
  switchConfirm: (to: string) => `Switch to ${to}`,
  switched: (to: string) => `The broker now behaves as RabbitMQ ${to}`,
  switchFailed: (error: string) => `Switching failed: ${error}`,
  importText: (release: string, version: string, current: string) =>
    `The file was exported by RabbitMQ ${release}, and this broker behaves as ${current}: switch it to ${version} so the design behaves as where it came from.`,
  importSwitch: (version: string) => `Switch to ${version}`,
  lintOn: (version: string) => `on ${version}`,
}

type Words = typeof en

const fr: Words = {
  statusBar: (release) => `RabbitMQ ${release}`,
  statusBarTitle: 'La version de RabbitMQ dont ce broker reproduit le comportement',
  selectLabel: 'Version de RabbitMQ',
  faceName: 'RabbitMQ',
  optionLabel: (version, release, isDefault) => `RabbitMQ ${version} (${release})${isDefault ? ', par défaut' : ''}`,
  switchTitle: (from, to) => `Passer de RabbitMQ ${from} à ${to} ?`,
  switchIntro: (to) =>
    `Le broker redémarre comme RabbitMQ ${to} après une mise à jour : les entités durables et les messages persistants reviennent, les autres disparaissent. Pour ce design, le changement signifie :`,
  switchNothing: (to) => `Rien dans ce design ne se comporte autrement sur RabbitMQ ${to}.`,
  switchConfirm: (to) => `Passer à ${to}`,
  switched: (to) => `Le broker se comporte maintenant comme RabbitMQ ${to}`,
  switchFailed: (error) => `Le changement a échoué : ${error}`,
  importText: (release, version, current) =>
    `Le fichier a été exporté par RabbitMQ ${release}, et ce broker se comporte comme ${current} : passez-le à ${version} pour que le design se comporte comme là d'où il vient.`,
  importSwitch: (version) => `Passer à ${version}`,
  lintOn: (version) => `sur ${version}`,
}

export function versionWords(): Words {
  return currentLanguage() === 'fr' ? fr : en
}

const FR_ORDERS: Record<string, string> = {
  fifo: "dans l'ordre d'arrivée, quelle que soit leur priorité",
  'two-levels': 'sur deux niveaux de priorité (au-dessus de 4 : haute), deux hauts pour un normal',
  'strict-0-31': 'strictement par priorité de 0 à 31 (sans priorité : 4)',
}

/** A change of the switch list in French, from its behaviour and params; the engine's English otherwise. */
function frenchChange(c: VersionChange): string {
  const p = c.params
  const on = p.on === 1
  const v = String(p.version)
  const queue = `${p.quorum === 1 ? 'file quorum' : 'file'} « ${p.name} »`
  switch (c.behaviour) {
    case 'extraExchangeTypes':
      return on
        ? `échange « ${p.name} » : le type ${p.type} route en ${v}`
        : `échange « ${p.name} » : le type ${p.type} n'existe pas en ${v}, sa déclaration est refusée`
    case 'classicMirroring':
      return `politique « ${p.name} » : ${p.keys} sont refusés en ${v} (le mirroring des files classiques a disparu), le redémarrage abandonne la politique`
    case 'maxMessageSize':
      return `le plus gros message passe de ${p.from} à ${p.to}`
    case 'amqplibMinimum':
      return `les clients ont besoin d'amqplib ${p.minimum} ou plus récent (les versions antérieures sont refusées)`
    case 'deadLetterHistoryFromHeaders':
      return on
        ? "un en-tête x-death publié par un client est lu comme l'historique du message"
        : "un en-tête x-death publié par un client n'est plus lu comme historique : un message republié en commence un nouveau"
    case 'deprecatedFeatures':
      return `${queue} : non durable et non exclusive, une fonctionnalité dépréciée en ${v} (encore acceptée ; rendez-la durable ou exclusive)`
    case 'queueModeChecked':
      return on
        ? `${queue} : x-queue-mode est de nouveau vérifié (seuls default et lazy sont acceptés)`
        : `${queue} : x-queue-mode est ignoré en ${v}`
    case 'lastDeathHeaders':
      return on
        ? `${queue} : ses messages morts portent x-last-death-reason, -queue et -exchange`
        : `${queue} : ses messages morts perdent les en-têtes x-last-death-*`
    case 'deadLetterRedelivered':
      return on
        ? `${queue} : un message mort après basic.reject arrive marqué redelivered`
        : `${queue} : ses messages morts arrivent sans la marque redelivered`
    case 'quorumDefaultDeliveryLimit':
      return p.limit === -1
        ? `${queue} : plus de limite de livraisons en ${v}, un message qui échoue toujours est relivré sans fin`
        : `${queue} : les messages sont ${p.fate === 'dropped' ? 'supprimés' : 'envoyés en dead-letter'} après ${p.limit} livraisons en ${v}`
    case 'quorumReturnCounting':
      return on
        ? `${queue} : basic.nack avec requeue compte dans la limite de livraisons`
        : `${queue} : basic.nack avec requeue ne compte plus dans la limite de livraisons (basic.reject et la fermeture du canal, si)`
    case 'quorumPriorities':
      return `${queue} : les messages sont servis ${FR_ORDERS[String(p.order)] ?? p.order}`
    case 'quorumSingleActiveByPriority':
      return on
        ? `${queue} : le consommateur actif unique est celui de plus haute x-priority`
        : `${queue} : le consommateur actif unique est le premier abonné, quelle que soit sa x-priority`
    case 'classicSingleActiveCancelStalls':
      return on
        ? `${queue} : quand son consommateur actif s'annule avec des messages non acquittés, personne ne prend le relais avant un nouvel abonné, et une publication entre-temps fait planter la file (un bogue de ${v})`
        : `${queue} : quand son consommateur actif s'annule avec des messages non acquittés, le consommateur suivant prend le relais aussitôt`
    case 'quorumAcquiredCountHeader':
      return on
        ? `${queue} : les relivraisons portent x-acquired-count`
        : `${queue} : les relivraisons perdent x-acquired-count`
    default:
      return c.message
  }
}

/** One line of the switch list in the reader's language. */
export function changeText(change: VersionChange, language = currentLanguage()): string {
  return language === 'fr' ? frenchChange(change) : change.message
}
