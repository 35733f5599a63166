import { EventEmitter } from 'node:events';
import { createPouchStorage, type PouchStorage, type Stored } from '@tessera/runtime';
import { type BpmnEngineOptions, Engine } from 'bpmn-engine';
import { APPROVERS, type ApprovalRun, type Verified } from './b5-tessera-approval.ts';

/**
 * B5's peer: bpmn-engine (npm) running the same 3-step approval as BPMN 2.0 (startEvent → 3
 * userTasks → endEvent), its state (`engine.getState()`) persisted to an embedded PouchDB at
 * each wait — one document per instance, rewritten with compare-and-swap at each wait and at
 * the end. Two ways of holding the engine:
 *   - `memory`: one engine per instance kept in memory from start to end; at each wait its
 *     state is written with the revision the previous write returned (no read needed);
 *   - `recover`: a server handling one request per task — read the document,
 *     `new Engine().recover(state)`, `resume()`, signal the task, write the next state with the
 *     revision read.
 * The BPMN is parsed once: every engine gets the same serialized definition (`sourceContext`),
 * as Tessera prepares its flow once; `recover` rebuilds it from the state, as the engine does.
 */

export const APPROVAL_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="b5" targetNamespace="http://tessera.test/b5">
  <process id="approval" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="start_manager" sourceRef="start" targetRef="manager" />
    <userTask id="manager" />
    <sequenceFlow id="manager_legal" sourceRef="manager" targetRef="legal" />
    <userTask id="legal" />
    <sequenceFlow id="legal_head" sourceRef="legal" targetRef="head" />
    <userTask id="head" />
    <sequenceFlow id="head_end" sourceRef="head" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

const TASKS = ['manager', 'legal', 'head'] as const;
const STATE_TYPE = 'bpmnstate';

/** The element API the listener's `wait` and `activity.end` events carry (the part used). */
interface ElementApi {
  readonly id: string;
  readonly type: string;
  signal(message?: unknown): void;
}

type EngineState = Awaited<ReturnType<Engine['getState']>>;
interface StateDocument {
  readonly type: typeof STATE_TYPE;
  readonly instance: string;
  readonly state: EngineState;
}

/**
 * Parses the BPMN once and returns the serialized definition the engine built from it (what
 * its `sourceContext` option takes), and the engine's version as its state reports it.
 */
export async function approvalSourceContext(): Promise<{ source: SourceContext; version: string }> {
  const template = new Engine({ name: 'template', source: APPROVAL_BPMN });
  const [definition] = await template.getDefinitions();
  const source = (definition?.environment.options as { source?: SourceContext } | undefined)
    ?.source;
  if (!source) throw new Error('B5 bpmn: the engine exposed no serialized definition');
  return { source, version: (await template.getState()).engineVersion };
}

/** The serialized definition an engine is built from. */
export type SourceContext = NonNullable<BpmnEngineOptions['sourceContext']>;

export type BpmnMode = 'memory' | 'recover';

/**
 * One instance's engine events: the waiting user task, the end, and the user tasks completed.
 * The engine runs synchronously from a signal to the next wait; a walk that finds the wrong
 * task waiting (or none) fails.
 */
class Watch {
  readonly listener = new EventEmitter();
  waiting: ElementApi | undefined;
  ended = false;
  completions = 0;
  constructor(engine: Engine) {
    this.listener.on('wait', (api: ElementApi) => {
      this.waiting = api;
    });
    this.listener.on('activity.end', (api: ElementApi) => {
      if (api.type === 'bpmn:UserTask') this.completions++;
    });
    engine.once('end', () => {
      this.ended = true;
    });
  }
  take(id: string, expected: string): ElementApi {
    const api = this.waiting;
    if (api?.id !== expected)
      throw new Error(`B5 bpmn ${id}: expected ${expected} waiting, found ${api?.id ?? 'none'}`);
    this.waiting = undefined;
    return api;
  }
}

const instanceId = (i: number) => `b5-${String(i).padStart(6, '0')}`;
const docId = (id: string) => `${STATE_TYPE}:${id}`;

/**
 * Reference only: instance `i` run by an engine kept in memory, `getState()` taken at each
 * wait and at the end as the durable side does, nothing stored; throws unless it ended with
 * three user tasks completed.
 */
export async function walkInMemory(sourceContext: SourceContext, i: number): Promise<void> {
  const id = instanceId(i);
  const engine = new Engine({ name: id, sourceContext });
  const watch = new Watch(engine);
  await engine.execute({
    listener: watch.listener,
    variables: { record: `record-${i}`, initiator: 'alice' },
  });
  await engine.getState();
  for (const [k, approver] of APPROVERS.entries()) {
    watch.take(id, TASKS[k]!).signal({ approvedBy: approver });
    await engine.getState();
  }
  if (!watch.ended || watch.completions !== 3)
    throw new Error(`B5 bpmn ${id}: ended ${watch.ended}, ${watch.completions} completions`);
}
export async function openBpmn(
  sourceContext: SourceContext,
  path: string,
  mode: BpmnMode,
): Promise<ApprovalRun & { readonly completions: () => number; readonly ends: () => number }> {
  let storage: PouchStorage = await createPouchStorage({ kind: 'embedded', path });
  let completions = 0;
  let ends = 0;
  let closed = false;

  const document = (id: string, state: EngineState): StateDocument & { _id: string } => ({
    _id: docId(id),
    type: STATE_TYPE,
    instance: id,
    state,
  });

  /** Starts instance `id` up to its first wait and stores it; returns the revision. */
  async function start(i: number, id: string) {
    const engine = new Engine({ name: id, sourceContext });
    const watch = new Watch(engine);
    await engine.execute({
      listener: watch.listener,
      variables: { record: `record-${i}`, initiator: 'alice' },
    });
    if (watch.waiting?.id !== TASKS[0])
      throw new Error(`B5 bpmn ${id}: ${TASKS[0]} is not waiting`);
    const { rev } = await storage.create(document(id, await engine.getState()));
    return { engine, watch, rev };
  }

  async function walkMemory(i: number, latencies: number[]) {
    const id = instanceId(i);
    let begin = performance.now();
    const started = await start(i, id);
    const { engine, watch } = started;
    let { rev } = started;
    latencies.push(performance.now() - begin);
    for (const [k, approver] of APPROVERS.entries()) {
      begin = performance.now();
      watch.take(id, TASKS[k]!).signal({ approvedBy: approver });
      const next = TASKS[k + 1];
      if (next ? watch.waiting?.id !== next : !watch.ended)
        throw new Error(`B5 bpmn ${id}: did not reach ${next ?? 'the end'}`);
      const doc = { ...document(id, await engine.getState()), _rev: rev } as Stored<StateDocument>;
      ({ rev } = await storage.update(doc));
      latencies.push(performance.now() - begin);
    }
    completions += watch.completions;
    if (watch.ended) ends++;
  }

  async function walkRecover(i: number, latencies: number[]) {
    const id = instanceId(i);
    let begin = performance.now();
    await start(i, id);
    latencies.push(performance.now() - begin);
    for (const [k, approver] of APPROVERS.entries()) {
      begin = performance.now();
      const stored = await storage.get<StateDocument>(docId(id));
      if (!stored) throw new Error(`B5 bpmn ${id}: no stored state`);
      const engine = new Engine({ name: id }).recover(structuredClone(stored.state));
      const watch = new Watch(engine);
      await engine.resume({ listener: watch.listener });
      watch.take(id, TASKS[k]!).signal({ approvedBy: approver });
      const next = TASKS[k + 1];
      if (next ? watch.waiting?.id !== next : !watch.ended)
        throw new Error(`B5 bpmn ${id}: did not reach ${next ?? 'the end'}`);
      await storage.update({ ...stored, state: await engine.getState() });
      latencies.push(performance.now() - begin);
      completions += watch.completions;
      if (watch.ended) ends++;
    }
  }

  return {
    completions: () => completions,
    ends: () => ends,
    walk: mode === 'memory' ? walkMemory : walkRecover,

    async verify(count): Promise<Verified> {
      const fail = (message: string): never => {
        throw new Error(`B5 bpmn-${mode}: ${message}`);
      };
      if (ends !== count) fail(`${ends} engines ended, expected ${count}`);
      if (completions !== 3 * count)
        fail(`${completions} user task completions, expected ${3 * count}`);
      closed = true;
      await storage.close();
      storage = await createPouchStorage({ kind: 'embedded', path });
      try {
        const expected = new Set(Array.from({ length: count }, (_, i) => instanceId(i)));
        let ended = 0;
        let taken = 0;
        let documents = 0;
        let stateBytes = 0;
        const orphans: string[] = [];
        for await (const raw of storage.dump()) {
          documents++;
          const doc = raw as unknown as StateDocument & { _id: string };
          if (doc.type !== STATE_TYPE) fail(`unexpected document ${doc._id}`);
          stateBytes += JSON.stringify(doc).length;
          if (!expected.delete(doc.instance)) fail(`unexpected or repeated ${doc.instance}`);
          const definitions = doc.state.definitions;
          const done =
            doc.state.state === 'idle' &&
            definitions.length === 1 &&
            definitions.every((d) => (d.execution as { completed?: boolean }).completed === true);
          if (done) ended++;
          for (const definition of definitions) {
            const processes = (definition.execution as { processes?: ProcessState[] }).processes;
            for (const child of processes?.flatMap((p) => p.execution?.children ?? []) ?? []) {
              if (child.type === 'bpmn:UserTask') taken += child.counters?.taken ?? 0;
              if (child.status !== undefined || child.execution?.completed === false)
                orphans.push(`${doc.instance}/${child.id} (${child.status})`);
            }
          }
        }
        if (expected.size > 0) fail(`${expected.size} instances missing`);
        if (ended !== count) fail(`${ended} of ${count} stored states completed`);
        if (taken !== 3 * count) fail(`stored states count ${taken} user tasks taken`);
        if (orphans.length > 0)
          fail(`${orphans.length} activities left, e.g. ${orphans.slice(0, 3).join(', ')}`);
        return {
          ended,
          completions,
          documents,
          detail:
            `${count} state documents (${(stateBytes / count / 1024).toFixed(1)} KB JSON each at the end), ` +
            `all idle and completed, ${taken} user tasks taken`,
        };
      } finally {
        await storage.close();
      }
    },

    async close() {
      if (!closed) await storage.close();
      closed = true;
    },
  };
}

/** The part of a stored process state the verification reads. */
interface ProcessState {
  readonly execution?: {
    readonly children?: readonly {
      readonly id: string;
      readonly type: string;
      readonly status?: string;
      readonly counters?: { readonly taken?: number };
      readonly execution?: { readonly completed?: boolean };
    }[];
  };
}
