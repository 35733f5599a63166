import {
  type AssigneeRule,
  type Bilingual,
  celToJson,
  type FlowEdge,
  type FlowNode,
} from '@tessera/core';
import type { Choices, FlowCommand, SystemCommand } from './commands.ts';
import type { FlowEffect, NoticeReason } from './effects.ts';
import { FlowError } from './flow-error.ts';
import type {
  FlowInstance,
  FlowOutcome,
  OwedEffect,
  Task,
  TaskKind,
  TaskStatus,
  TimelineEntry,
  Token,
  TokenWait,
} from './instance.ts';
import { isOpen } from './instance.ts';
import { addMs, isoDurationMs } from './iso-duration.ts';
import { type Organisation, resolveAssignees } from './organisation.ts';
import type { PreparedFlow } from './prepare-flow.ts';

/** What a command runs against besides the instance: the clock, the record, the organisation. */
export interface FlowContext {
  /** ISO timestamp of the command. */
  readonly now: string;
  /** The flow record's values as they are after this command's edits. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly organisation: Organisation;
}

export interface OpenTaskOptions {
  readonly kind: TaskKind;
  readonly assignee: string;
  readonly due?: string;
  readonly addedBy?: string;
  readonly placement?: 'before' | 'after';
  readonly transferredFrom?: string;
}

/** More node entries than this in one command means automatic nodes loop. */
const MAX_ENTRIES = 1000;

/**
 * One command's work on a private copy of the instance. Node handlers and command handlers
 * change the instance only through it, and it collects the effects; nothing here does I/O.
 */
export class FlowStep {
  readonly effects: FlowEffect[] = [];
  readonly #arrivals: Token[] = [];
  #entries = 0;
  /** The token whose node is being entered, while its handler runs. */
  #entering: Token | undefined;

  constructor(
    readonly flow: PreparedFlow,
    readonly instance: FlowInstance,
    readonly context: FlowContext,
    readonly command: FlowCommand,
  ) {}

  get now() {
    return this.context.now;
  }
  get actor() {
    return this.command.actor;
  }
  get values() {
    return this.context.values;
  }
  get choices(): Choices {
    return 'choose' in this.command ? (this.command.choose ?? {}) : {};
  }

  /** A fresh id, derived from the instance and its counter, so a replay yields the same one. */
  id(prefix: string): string {
    this.instance.nextId += 1;
    return `${this.instance.id}.${prefix}${this.instance.nextId}`;
  }

  log(entry: Omit<TimelineEntry, 'seq' | 'at' | 'actor'> & { readonly actor?: string }) {
    this.instance.timeline.push({
      seq: this.instance.timeline.length + 1,
      at: this.now,
      actor: entry.actor ?? this.actor,
      ...entry,
    });
  }

  fail(
    code: ConstructorParameters<typeof FlowError>[0],
    text: Bilingual,
    field?: string,
    detail?: Readonly<Record<string, unknown>>,
  ): never {
    throw new FlowError(code, text, field, detail);
  }

  assignees(rules: readonly AssigneeRule[], node: FlowNode, path: string): string[] {
    return resolveAssignees(
      rules,
      {
        organisation: this.context.organisation,
        initiator: this.instance.initiator,
        values: this.values,
      },
      { node: node.id, path },
    );
  }

  /** Evaluates CEL over the record, `now` and the acting user; a failure names the node. */
  evaluate(source: string, node: FlowNode, path: string, expect?: string): unknown {
    const org = this.context.organisation;
    const userId = this.actor === 'system' ? this.instance.initiator : this.actor;
    const user = org.user(userId);
    try {
      return this.flow.compile(source, expect).evaluate({
        ...this.values,
        now: this.now,
        currentUser: {
          id: userId,
          name: user?.name ?? '',
          department: user?.department ?? '',
          roles: [],
        },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.fail(
        'expression.failed',
        {
          en: `the expression at node "${node.id}" failed: ${reason}`,
          'zh-CN': `节点“${node.id}”的表达式计算失败：${reason}`,
        },
        `/nodes/${node.id}${path}`,
      );
    }
  }

  evaluateJson(source: string, node: FlowNode, path: string, expect?: string): unknown {
    return celToJson(this.evaluate(source, node, path, expect));
  }

  // ── tokens ──

  token(id: string): Token | undefined {
    return this.instance.tokens.find((token) => token.id === id);
  }

  /**
   * A new token at `node`; it is entered once the current handler returns. Its `lanes` come
   * from the token being entered unless given: a token that opens branches (its id becomes
   * their mark, as a split does) starts one lane per edge it sends a token along.
   */
  arrive(
    node: string,
    branches: readonly string[],
    via?: string,
    lanes: readonly string[] | undefined = this.#lanesOf(branches, via),
  ): Token {
    const token: Token = {
      id: this.id('k'),
      node,
      since: this.now,
      branches,
      ...(lanes ? { lanes } : {}),
      ...(via ? { via } : {}),
    };
    this.instance.tokens.push(token);
    this.#arrivals.push(token);
    return token;
  }

  #lanesOf(branches: readonly string[], via: string | undefined): string[] | undefined {
    const from = this.#entering;
    const lanes: string[] = [];
    for (const [depth, mark] of branches.entries()) {
      const lane =
        from?.branches[depth] === mark ? from.lanes?.[depth] : mark === from?.id ? via : undefined;
      if (lane === undefined) return undefined;
      lanes.push(lane);
    }
    return lanes;
  }

  consume(token: Token) {
    this.instance.tokens = this.instance.tokens.filter((one) => one.id !== token.id);
  }

  wait(token: Token, wait: TokenWait) {
    token.wait = wait;
  }

  /**
   * A join lets the tokens that met at it through: they are consumed, and kept on the
   * instance so a return from after the join can reopen one branch alone (0026).
   */
  merge(node: string, tokens: readonly Token[]) {
    for (const token of tokens) this.consume(token);
    const split = tokens[0]?.branches.at(-1);
    if (split === undefined) return;
    const others = (this.instance.merged ?? []).filter((one) => one.split !== split);
    this.instance.merged = [...others, { split, node, tokens: structuredClone(tokens) }];
  }

  /**
   * Moves a token on along `edge` (or the node's only way out). After a return whose
   * resubmission goes straight back, the node returned to leads back to the returning node.
   */
  leave(token: Token, edge?: FlowEdge) {
    this.consume(token);
    const back = this.instance.returned;
    if (back?.straight && back.to === token.node) {
      this.instance.returned = undefined;
      this.arrive(back.from, token.branches, undefined, token.lanes);
      return;
    }
    if (back && back.to === token.node) this.instance.returned = undefined;
    const out = edge ?? this.flow.outgoing(token.node)[0];
    if (!out) {
      this.fail('flow.noPath', {
        en: `node "${token.node}" has no way out`,
        'zh-CN': `节点“${token.node}”没有出口`,
      });
    }
    this.arrive(out.to, token.branches, out.id, token.lanes);
  }

  /** Enters every token that arrived, until all are waiting or gone. */
  run() {
    for (let token = this.#arrivals.shift(); token; token = this.#arrivals.shift()) {
      if (!this.token(token.id) || this.isEnded()) continue;
      this.#entries += 1;
      if (this.#entries > MAX_ENTRIES) {
        this.fail('flow.loop', {
          en: `the flow loops through automatic nodes (more than ${MAX_ENTRIES} steps in one action)`,
          'zh-CN': `流程在自动节点间循环（一次操作超过 ${MAX_ENTRIES} 步）`,
        });
      }
      const node = this.flow.node(token.node);
      this.#entering = token;
      try {
        this.flow.handler(node).enter(this, token, node);
      } finally {
        this.#entering = undefined;
      }
    }
  }

  isEnded() {
    const status = this.instance.status;
    return status !== 'running' && status !== 'draft';
  }

  // ── tasks ──

  task(id: string): Task | undefined {
    return this.instance.tasks.find((task) => task.id === id);
  }

  tasksAt(token: Token): Task[] {
    return this.instance.tasks.filter((task) => task.token === token.id && task.kind !== 'cc');
  }

  openTask(token: Token, options: OpenTaskOptions): Task {
    const task: Task = {
      id: this.id('t'),
      node: token.node,
      token: token.id,
      status: options.kind === 'cc' ? 'unread' : 'open',
      createdAt: this.now,
      ...options,
    };
    this.instance.tasks.push(task);
    this.effects.push({ type: 'task.created', task: { ...task } });
    if (task.due) this.scheduleDeadline(task);
    return task;
  }

  closeTask(task: Task, status: TaskStatus, opinion?: string) {
    task.status = status;
    task.actedAt = this.now;
    if (this.actor !== task.assignee) task.closedBy = this.actor;
    if (opinion !== undefined) task.opinion = opinion;
    this.effects.push({ type: 'task.closed', task: { ...task } });
  }

  /** Cancels the open tasks of the given tokens (all tokens when omitted). */
  cancelTasks(tokens?: ReadonlySet<string>) {
    for (const task of this.instance.tasks) {
      if (task.kind === 'cc' || !isOpen(task)) continue;
      if (tokens && !tokens.has(task.token)) continue;
      this.closeTask(task, 'cancelled');
    }
  }

  scheduleDeadline(task: Task) {
    const node = this.flow.node(task.node);
    const deadline = node.config?.deadline as { remindBefore?: string } | undefined;
    this.schedule(`${task.id}:overdue`, task.due!, {
      type: 'deadline',
      actor: 'system',
      task: task.id,
      phase: 'overdue',
      key: `${task.id}:overdue`,
    });
    if (!deadline?.remindBefore) return;
    const at = addMs(task.due!, -isoDurationMs(deadline.remindBefore));
    if (at <= this.now) return;
    this.schedule(`${task.id}:remind`, at, {
      type: 'deadline',
      actor: 'system',
      task: task.id,
      phase: 'remind',
      key: `${task.id}:remind`,
    });
  }

  // ── effects ──

  schedule(id: string, at: string, command: SystemCommand) {
    this.effects.push({ type: 'schedule', id, at, command });
  }

  notice(reason: NoticeReason, users: readonly string[], task?: string) {
    if (users.length === 0) return;
    this.effects.push({ type: 'notice', reason, users: [...users], ...(task ? { task } : {}) });
  }

  owe(effect: Omit<OwedEffect, 'id' | 'at' | 'values'> & { readonly id?: string }): OwedEffect {
    const owed: OwedEffect = {
      ...effect,
      id: effect.id ?? this.id('e'),
      at: this.now,
      values: this.values,
    };
    this.instance.owed.push(owed);
    this.effects.push({ kind: 'owed', ...owed });
    return owed;
  }

  /** Finishes the instance: every open task cancelled, every token gone. */
  end(outcome: FlowOutcome, node?: string) {
    this.cancelTasks();
    this.instance.tokens = [];
    this.instance.status = outcome;
    this.instance.outcome = outcome;
    this.instance.endedAt = this.now;
    this.instance.returned = undefined;
    this.log({ action: 'ended', outcome, ...(node ? { node } : {}), actor: this.actor });
    this.effects.push({ type: 'flow.ended', outcome });
    this.notice('ended', [this.instance.initiator]);
  }
}
