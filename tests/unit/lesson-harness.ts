// A lesson opened on the engine in Node, as the app opens it: its topology declared by an admin channel,
// its clients run by the simulation on a ManualClock, every event recorded into a challenge ledger.
// A broker that restarts keeps its durable state in (fake) IndexedDB, as the Worker does.

import { createBroker, ManualClock, type Broker, type BrokerEvent, type Channel } from '../../engine/index.ts'
import { Design } from '../../engine/design/design.ts'
import { managementOf } from '../../engine/management/api.ts'
import { openDatabase, type WarrenDatabase } from '../../engine/persistence/db.ts'
import { recoverInto } from '../../engine/persistence/recover.ts'
import { IdbDurableLog } from '../../engine/persistence/store.ts'
import { DEFAULT_VERSION } from '../../engine/profile.ts'
import { seededRandom } from '../../engine/random.ts'
import { Simulation } from '../../engine/simulation/simulation.ts'
import type { ConsumerSpec } from '../../engine/simulation/specs.ts'
import { checkChallenge } from '../../app/lessons/challenges.ts'
import { ChallengeLedger, type BrokerView } from '../../app/lessons/ledger.ts'
import { HOME_BROKER, type Lesson } from '../../app/lessons/lesson-kit.ts'
import { lessonById } from '../../app/lessons/lessons.ts'
import { openLesson, runAction, type LessonDriver } from '../../app/lessons/runner.ts'

const sink = { delivery() {}, returned() {}, confirmed() {}, cancelled() {}, channelClosed() {}, connectionClosed() {} }
let databases = 0

export class LessonRun {
  readonly clock = new ManualClock()
  readonly events: BrokerEvent[] = []
  readonly ledger = new ChallengeLedger()
  broker!: Broker
  admin!: Channel
  sim!: Simulation
  /** The home broker and the lesson's other brokers, on the same clock. */
  design!: Design
  private nodes = 1 // the lesson's cluster size, kept across restarts as the Worker keeps it
  private db: WarrenDatabase | null = null
  private log: IdbDurableLog | null = null
  private readonly dbName = `lesson-harness-${++databases}`

  private constructor(readonly lesson: Lesson) {}

  static async open(id: string): Promise<LessonRun> {
    const lesson = lessonById(id)
    if (!lesson) throw new Error(`no lesson ${id}`)
    const run = new LessonRun(lesson)
    await run.boot()
    await openLesson(lesson, run.driver())
    return run
  }

  private async boot(): Promise<void> {
    this.db = await openDatabase({ name: this.dbName })
    this.log = new IdbDurableLog(this.db)
    const emit = (e: BrokerEvent) => {
      this.events.push(e)
      this.ledger.record([e])
    }
    // Lessons run on the version a new broker in the app gets.
    this.broker = createBroker({
      clock: this.clock,
      seed: 1,
      emit,
      durable: this.log,
      version: DEFAULT_VERSION,
      nodes: this.nodes,
    })
    recoverInto(this.broker, await this.log.load())
    // A restart brings back the home broker only: no lesson with other brokers restarts.
    this.design = new Design(this.clock)
    this.design.add(HOME_BROKER, this.broker)
    this.admin = this.broker.connect(sink).openChannel()
    this.sim = new Simulation(this.broker, seededRandom(1))
  }

  /** A graceful stop and start: what is committed comes back, as in the Worker's "Restart broker". */
  async restart(): Promise<void> {
    this.ledger.restarting(this.view())
    await this.log!.commit()
    this.db!.close()
    await this.boot()
  }

  driver(): LessonDriver {
    return {
      exchange: (e) =>
        this.admin.exchangeDeclare({
          exchange: e.name,
          type: e.type,
          durable: e.durable ?? true,
          arguments: e.arguments ?? {},
        }),
      queue: (q) =>
        void this.admin.queueDeclare({
          queue: q.name,
          durable: q.durable ?? true,
          exclusive: q.exclusive ?? false,
          autoDelete: q.autoDelete ?? false,
          arguments: q.arguments ?? {},
        }),
      bind: (b) => this.admin.queueBind(b.destination, b.source, b.routingKey ?? '', b.arguments ?? {}),
      setProducer: (s) => this.sim.setProducer(s),
      setConsumer: (s) => this.sim.setConsumer(s),
      producer: (pid, a) => (a === 'start' ? this.sim.startProducer(pid) : this.sim.stopProducer(pid)),
      consumer: (cid, a) =>
        a === 'crash' ? this.sim.crashConsumer(cid) : this.sim.setConsumerOnline(cid, a === 'online'),
      restart: () => this.restart(),
      addBroker: (name) => void this.design.create(name, { version: DEFAULT_VERSION, seed: this.design.brokers.size }),
      management: (name, request) => {
        const broker = this.design.broker(name)
        if (!broker) throw new Error(`no broker ${name} in the lesson's design`)
        return managementOf(broker, broker.profile.version).handle(request)
      },
      link: (a, b, change) => {
        if (change === 'cut') this.design.links.cut(a, b)
        else if (change === 'pause') this.design.links.pause(a, b)
        else this.design.links.restore(a, b)
        this.ledger.observeLinks(this.design.links.list())
      },
      latency: (a, b, ms) => this.design.links.setLatency(a, b, ms),
      clusterSize: (nodes) => {
        this.nodes = nodes
        this.broker.cluster.setSize(nodes)
        this.admin = this.broker.connect(sink, { node: 'rabbit@n1' }).openChannel()
      },
      cluster: (step) => {
        if (step.kind === 'node') this.broker.cluster[step.action](step.node)
        else if (step.kind === 'partition') this.broker.cluster.partition(step.groups)
        else this.broker.cluster.heal()
      },
    }
  }

  act(actionId: string): Promise<void> {
    const action = this.lesson.actions.find((a) => a.id === actionId)
    if (!action) throw new Error(`no action ${actionId} in ${this.lesson.id}`)
    return runAction(action, this.driver())
  }

  /** Ready plus unacked, as the designer shows it; absent when the queue does not exist. */
  view(): BrokerView {
    const depths: Record<string, number> = {}
    for (const q of this.broker.vhosts.get('/')!.queues.values()) depths[q.name] = q.messageCount + q.unacked
    if (this.design.brokers.size === 1) return { depths }
    const brokers: Record<string, Record<string, number>> = {}
    for (const [name, broker] of this.design.brokers) {
      if (name === HOME_BROKER) continue
      brokers[name] = {}
      for (const q of broker.vhosts.get('/')!.queues.values()) brokers[name][q.name] = q.messageCount + q.unacked
    }
    return { depths, brokers, links: this.design.links.list() }
  }

  /** Another broker's queue depth (ready plus unacked), 0 when absent. */
  countOn(broker: string, queue: string): number {
    return this.view().brokers?.[broker]?.[queue] ?? 0
  }

  count(queue: string): number {
    return this.view().depths[queue] ?? 0
  }

  consumer(id: string) {
    return this.sim.status().consumers.find((c) => c.id === id)!
  }

  producer(id: string) {
    return this.sim.status().producers.find((p) => p.id === id)!
  }

  /** Changes a simulated consumer, as its inspector does. */
  editConsumer(id: string, change: Partial<ConsumerSpec>): void {
    const spec = this.lesson.consumers.find((c) => c.id === id)!
    this.sim.setConsumer({ ...spec, ...change })
  }

  check(challengeId: string) {
    const challenge = this.lesson.challenges.find((c) => c.id === challengeId)
    if (!challenge) throw new Error(`no challenge ${challengeId} in ${this.lesson.id}`)
    return checkChallenge(challenge, this.ledger, this.view())
  }

  /** Which conditions are not met yet, by kind, for readable failures. */
  unmet(challengeId: string): string[] {
    return this.check(challengeId)
      .conditions.filter((c) => !c.met)
      .map((c) => c.condition.kind)
  }
}
