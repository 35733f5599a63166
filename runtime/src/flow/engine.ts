import type { CommandType, FlowCommand } from './commands.ts';
import type { FlowEffect } from './effects.ts';
import { FlowError } from './flow-error.ts';
import { type FlowContext, FlowStep } from './flow-step.ts';
import { type FlowInstance, INSTANCE_SCHEMA_VERSION } from './instance.ts';
import * as instanceCommands from './instance-commands.ts';
import type { PreparedFlow } from './prepare-flow.ts';
import * as taskCommands from './task-commands.ts';

export interface FlowResult {
  readonly instance: FlowInstance;
  readonly effects: readonly FlowEffect[];
  /** True when the command's key was applied before: nothing changed. */
  readonly replayed: boolean;
}

type Handler = (step: FlowStep, command: never) => void;

/** Each command type's handler: a registry, so a new command is one entry. */
const COMMANDS: Readonly<Record<CommandType, Handler>> = {
  submit: instanceCommands.submit,
  saveDraft: instanceCommands.saveDraft,
  withdraw: instanceCommands.withdraw,
  urge: instanceCommands.urge,
  comment: instanceCommands.comment,
  wake: instanceCommands.wake,
  deadline: instanceCommands.deadline,
  subflowEnded: instanceCommands.subflowEnded,
  approve: taskCommands.approve,
  reject: taskCommands.reject,
  return: taskCommands.sendBack,
  transfer: taskCommands.transfer,
  addSigner: taskCommands.addSigner,
  read: taskCommands.read,
};

export interface NewInstance {
  readonly id: string;
  readonly version: number;
  readonly record: string;
  readonly initiator: string;
  readonly parent?: FlowInstance['parent'];
}

/**
 * A new instance in draft: a token at the start node and the drafter's draft task (待发).
 * Pure: the same input gives the same instance and effects.
 */
export function createInstance(
  flow: PreparedFlow,
  init: NewInstance,
  context: FlowContext,
): FlowResult {
  const instance: FlowInstance = {
    schemaVersion: INSTANCE_SCHEMA_VERSION,
    id: init.id,
    app: flow.app.id,
    version: init.version,
    flow: flow.flow.id,
    record: init.record,
    initiator: init.initiator,
    status: 'draft',
    createdAt: context.now,
    nextId: 0,
    tokens: [],
    tasks: [],
    timeline: [],
    passed: [],
    commands: {},
    owed: [],
    ...(init.parent ? { parent: init.parent } : {}),
  };
  const step = new FlowStep(flow, instance, context, { type: 'saveDraft', actor: init.initiator });
  step.log({ action: 'created', node: flow.start.id });
  step.arrive(flow.start.id, []);
  step.run();
  return { instance: step.instance, effects: step.effects, replayed: false };
}

/**
 * `(instance, command, context) → (instance', effects)` (decision 4): never changes its input,
 * does no I/O, and throws FlowError for a command the flow refuses. A command whose key the
 * instance has seen returns it unchanged, so a retried request completes once.
 */
export function applyCommand(
  flow: PreparedFlow,
  instance: FlowInstance,
  command: FlowCommand,
  context: FlowContext,
): FlowResult {
  if (command.key !== undefined && instance.commands[command.key] !== undefined) {
    return { instance, effects: [], replayed: true };
  }
  const handler = COMMANDS[command.type] as Handler | undefined;
  if (!handler) {
    throw new FlowError(
      'command.unknown',
      {
        en: `unknown command "${String(command.type)}"`,
        'zh-CN': `未知的操作“${String(command.type)}”`,
      },
      '/type',
    );
  }
  const ended = instance.status !== 'running' && instance.status !== 'draft';
  if (ended && 'task' in command && !instanceCommands.AFTER_END.has(command.type)) {
    const task = instance.tasks.find((one) => one.id === command.task);
    throw new FlowError(
      task ? 'task.closed' : 'task.notFound',
      task
        ? {
            en: `task "${task.id}" was already handled (${task.status})`,
            'zh-CN': `待办“${task.id}”已处理（${task.status}）`,
          }
        : { en: `task "${command.task}" does not exist`, 'zh-CN': `待办“${command.task}”不存在` },
      '/task',
    );
  }
  if (ended && !instanceCommands.AFTER_END.has(command.type)) {
    throw new FlowError('instance.state', {
      en: `the item has ended (${instance.status})`,
      'zh-CN': `此事项已结束（${instance.status}）`,
    });
  }
  const step = new FlowStep(flow, structuredClone(instance), context, command);
  handler(step, command as never);
  step.run();
  if (command.key !== undefined)
    step.instance.commands[command.key] = step.instance.timeline.length;
  return { instance: step.instance, effects: step.effects, replayed: false };
}
