// The three cluster lessons, on three nodes, in English and French: a quorum queue surviving its leader's node,
// a classic queue gone with its node, and a partition where only the majority side confirms.
// Plain data like lessons.ts: the unit tests run them in Node. The simulated clients connect to rabbit@n1,
// where the queues are declared, so rabbit@n1 leads the quorum queue and hosts the classic one.

import type { ConsumerSpec, ProducerSpec } from '../../engine/simulation/specs.ts'
import type { Lesson, LessonStep } from './lessons.ts'

const producer = (id: string, queue: string): ProducerSpec => ({
  id,
  vhost: '/',
  exchange: '',
  rate: 5,
  routingKey: { kind: 'fixed', key: queue },
  body: `${queue} #{n}`,
  mandatory: false,
  confirms: true,
  persistent: true,
})
const consumer = (id: string, queue: string): ConsumerSpec => ({
  id,
  vhost: '/',
  queue,
  autoAck: false,
  prefetch: 5,
  processingMs: 100,
  behaviour: { kind: 'ack' },
})
const stop = (node: string): LessonStep => ({ kind: 'node', node, action: 'stop' })
const startNode = (node: string): LessonStep => ({ kind: 'node', node, action: 'start' })

export const CLUSTER_LESSONS: Lesson[] = [
  {
    id: 'quorum-survives',
    title: 'Quorum queues survive a node',
    summary:
      'A quorum queue keeps a copy on three nodes and a leader among them. Stop the leader’s node: the two others elect a new leader, the clients reconnect to a running node, and publishing and consuming carry on. Nothing that was confirmed is lost.',
    watch: [
      'rabbit@n1 leads "orders" at first; once it stops, after the election timeout, rabbit@n2 or rabbit@n3 leads.',
      'The producer and the consumer lose their connection with the node, then reconnect to another one after a second.',
      'Messages unacked when the node stopped come back with redelivered set.',
    ],
    tryIt: ['Stop rabbit@n1, wait a few seconds, start it again: it comes back as a follower.'],
    simulated:
      'The election takes the election timeout of virtual time (1 to 2 s); who wins is drawn from the broker’s seed, so the same seed replays the same failover.',
    exchanges: [],
    queues: [{ name: 'orders', durable: true, arguments: { 'x-queue-type': 'quorum' } }],
    bindings: [],
    producers: [producer('checkout', 'orders')],
    consumers: [consumer('orders-worker', 'orders')],
    autostart: ['checkout'],
    actions: [
      { id: 'stop-leader', label: 'Stop rabbit@n1 (the leader’s node)', steps: [stop('rabbit@n1')] },
      { id: 'start-leader', label: 'Start rabbit@n1 again', steps: [startNode('rabbit@n1')] },
    ],
    nodes: 3,
    fr: {
      title: 'Les files quorum survivent à un nœud',
      summary:
        'Une file d’attente quorum garde une copie sur trois nœuds, avec un leader parmi eux. Arrêtez le nœud du leader : les deux autres élisent un nouveau leader, les clients se reconnectent à un nœud en marche, publication et consommation continuent. Rien de ce qui a été confirmé n’est perdu.',
      watch: [
        'rabbit@n1 est d’abord le leader de « orders » ; une fois arrêté, après le délai d’élection, rabbit@n2 ou rabbit@n3 prend la tête.',
        'Le producteur et le consommateur perdent leur connexion avec le nœud, puis se reconnectent à un autre au bout d’une seconde.',
        'Les messages non acquittés au moment de l’arrêt reviennent avec redelivered à true.',
      ],
      tryIt: ['Arrêtez rabbit@n1, attendez quelques secondes, relancez-le : il revient comme suiveur.'],
      simulated:
        'L’élection prend le délai d’élection en temps virtuel (1 à 2 s) ; le gagnant est tiré de la graine du broker, la même graine rejoue donc la même bascule.',
      actions: { 'stop-leader': 'Arrêter rabbit@n1 (le nœud du leader)', 'start-leader': 'Relancer rabbit@n1' },
    },
  },
  {
    id: 'classic-dead-node',
    title: 'A classic queue on a dead node',
    summary:
      'A classic queue lives on one node, the one whose connection declared it. Stop that node: the same traffic as in the quorum lesson finds no queue. Publishes are nacked, consuming fails with 404 NOT_FOUND, until the node returns with the persistent messages it had on disk.',
    watch: [
      '"orders" lives on rabbit@n1; while rabbit@n1 is down the clients reconnect to rabbit@n2, but the queue is not there.',
      'The producer’s confirms turn to nacks; the consumer stops with "home node ... is down or inaccessible".',
      'After rabbit@n1 starts again, bring the consumer back online: the persistent messages are still there.',
    ],
    tryIt: ['Stop rabbit@n1, watch the nacks, start it again, then bring the consumer back.'],
    exchanges: [],
    queues: [{ name: 'orders', durable: true }],
    bindings: [],
    producers: [producer('checkout', 'orders')],
    consumers: [consumer('orders-worker', 'orders')],
    autostart: ['checkout'],
    actions: [
      { id: 'stop-home', label: 'Stop rabbit@n1 (the queue’s node)', steps: [stop('rabbit@n1')] },
      {
        id: 'start-home',
        label: 'Start rabbit@n1 and bring the consumer back',
        steps: [startNode('rabbit@n1'), { kind: 'consumer', id: 'orders-worker', action: 'online' }],
      },
    ],
    nodes: 3,
    fr: {
      title: 'Une file classique sur un nœud mort',
      summary:
        'Une file d’attente classique vit sur un seul nœud, celui dont la connexion l’a déclarée. Arrêtez ce nœud : le même trafic que dans la leçon quorum ne trouve plus de file. Les publications sont refusées (nack), la consommation échoue avec 404 NOT_FOUND, jusqu’au retour du nœud avec les messages persistants qu’il avait sur disque.',
      watch: [
        '« orders » vit sur rabbit@n1 ; tant que rabbit@n1 est arrêté, les clients se reconnectent à rabbit@n2, mais la file n’y est pas.',
        'Les confirmations du producteur deviennent des nacks ; le consommateur s’arrête avec « home node ... is down or inaccessible ».',
        'Une fois rabbit@n1 relancé, remettez le consommateur en ligne : les messages persistants sont toujours là.',
      ],
      tryIt: ['Arrêtez rabbit@n1, regardez les nacks, relancez-le, puis remettez le consommateur en ligne.'],
      actions: {
        'stop-home': 'Arrêter rabbit@n1 (le nœud de la file)',
        'start-home': 'Relancer rabbit@n1 et remettre le consommateur en ligne',
      },
    },
  },
  {
    id: 'no-majority',
    title: 'No majority, no confirms',
    summary:
      'Split the cluster into rabbit@n1 alone and rabbit@n2 with rabbit@n3. The quorum queue’s leader on rabbit@n1 can no longer reach a majority: the producer connected there gets no confirm and nothing is delivered there. The two-node side elects a leader and takes work. Heal the partition and what waited is confirmed.',
    watch: [
      'After the split, the producer on rabbit@n1 keeps publishing but its messages wait, unconfirmed.',
      'The side with rabbit@n2 and rabbit@n3 holds the majority and elects the new leader.',
      'Heal: the held publishes enter the queue and are confirmed, in order.',
    ],
    tryIt: ['Split the cluster, wait, then heal it and watch the confirms arrive.'],
    exchanges: [],
    queues: [{ name: 'orders', durable: true, arguments: { 'x-queue-type': 'quorum' } }],
    bindings: [],
    producers: [producer('checkout', 'orders')],
    consumers: [consumer('orders-worker', 'orders')],
    autostart: ['checkout'],
    actions: [
      {
        id: 'split',
        label: 'Partition rabbit@n1 | rabbit@n2 rabbit@n3',
        steps: [{ kind: 'partition', groups: [['rabbit@n1'], ['rabbit@n2', 'rabbit@n3']] }],
      },
      { id: 'heal', label: 'Heal the partition', steps: [{ kind: 'heal' }] },
    ],
    nodes: 3,
    fr: {
      title: 'Sans majorité, pas de confirmation',
      summary:
        'Coupez le cluster en deux : rabbit@n1 seul, rabbit@n2 avec rabbit@n3. Le leader de la file quorum sur rabbit@n1 n’atteint plus de majorité : le producteur qui y est connecté ne reçoit aucune confirmation et rien n’y est livré. Le côté à deux nœuds élit un leader et accepte le travail. Réparez la partition et ce qui attendait est confirmé.',
      watch: [
        'Après la coupure, le producteur sur rabbit@n1 continue de publier mais ses messages attendent, sans confirmation.',
        'Le côté rabbit@n2 et rabbit@n3 a la majorité et élit le nouveau leader.',
        'Réparez : les publications en attente entrent dans la file et sont confirmées, dans l’ordre.',
      ],
      tryIt: ['Coupez le cluster, attendez, puis réparez et regardez arriver les confirmations.'],
      actions: { split: 'Partitionner rabbit@n1 | rabbit@n2 rabbit@n3', heal: 'Réparer la partition' },
    },
  },
]
