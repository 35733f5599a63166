import type { AssigneeRule } from '@tessera/core';
import { pathOf } from './branch-path.ts';
import type { FlowCommand, PersonCommand, SystemCommand } from './commands.ts';
import type { FlowStep } from './flow-step.ts';
import { isOpen } from './instance.ts';

type Person<Type extends PersonCommand['type']> = Extract<PersonCommand, { type: Type }>;
type System<Type extends SystemCommand['type']> = Extract<SystemCommand, { type: Type }>;

function requireInitiator(step: FlowStep, what: string) {
  if (step.actor !== step.instance.initiator) {
    step.fail('instance.notInitiator', {
      en: `only the drafter may ${what}`,
      'zh-CN': `只有发起人可以${what === 'withdraw' ? '撤回' : what === 'submit' ? '提交' : '催办'}`,
    });
  }
}

/** The drafter's open draft task (待发), which a submission completes. */
function draftTask(step: FlowStep) {
  const task = step.instance.tasks.find((one) => one.kind === 'draft' && one.status === 'open');
  const token = task && step.token(task.token);
  if (!task || !token) {
    step.fail('instance.state', {
      en: 'the item is not waiting for its drafter',
      'zh-CN': '此事项当前不在发起人处',
    });
  }
  return { task, token };
}

/** 提交 / 重新提交: the drafter sends the item on (after a return, maybe straight back). */
export function submit(step: FlowStep, command: Person<'submit'>) {
  requireInitiator(step, 'submit');
  const { task, token } = draftTask(step);
  const first = step.instance.submittedAt === undefined;
  if (first) {
    const start = step.flow.start;
    const rules = (start.config?.initiators ?? []) as AssigneeRule[];
    if (
      rules.length > 0 &&
      !step.assignees(rules, start, '/config/initiators').includes(step.actor)
    ) {
      step.fail('start.notAllowed', {
        en: `you may not start flow "${step.flow.flow.id}"`,
        'zh-CN': `您不能发起流程“${step.flow.flow.id}”`,
      });
    }
    step.instance.submittedAt = step.now;
  }
  step.closeTask(task, 'submitted', command.opinion);
  step.instance.status = 'running';
  step.log({
    action: first ? 'submitted' : 'resubmitted',
    node: token.node,
    task: task.id,
    opinion: command.opinion,
  });
  step.effects.push({ type: 'flow.submitted' });
  step.instance.passed.push({ node: token.node, ...pathOf(token), at: step.now });
  step.leave(token);
}

/** 保存待发: only checks the draft is the actor's; the server stores the values. */
export function saveDraft(step: FlowStep) {
  requireInitiator(step, 'submit');
  draftTask(step);
}

const DECISIONS = new Set([
  'approved',
  'rejected',
  'returned',
  'transferred',
  'signersAddedBefore',
  'signersAddedAfter',
]);

/** 撤回: the drafter takes the item back, until someone has acted on it since it was sent. */
export function withdraw(step: FlowStep, command: Person<'withdraw'>) {
  requireInitiator(step, 'withdraw');
  if (step.instance.status !== 'running') {
    step.fail('instance.state', { en: 'the item is not in approval', 'zh-CN': '此事项不在审批中' });
  }
  const timeline = step.instance.timeline;
  let sent = timeline.length - 1;
  while (sent >= 0 && !['submitted', 'resubmitted'].includes(timeline[sent]!.action)) sent -= 1;
  if (timeline.slice(sent + 1).some((entry) => DECISIONS.has(entry.action))) {
    step.fail('withdraw.tooLate', {
      en: 'the item cannot be withdrawn: someone has already acted on it',
      'zh-CN': '已有人处理，不能撤回',
    });
  }
  step.cancelTasks();
  step.instance.tokens = [];
  step.instance.passed = [];
  step.instance.merged = undefined;
  step.instance.returned = undefined;
  step.instance.status = 'draft';
  step.log({ action: 'withdrawn', opinion: command.opinion });
  step.arrive(step.flow.start.id, []);
}

/** 催办: reminds everyone holding an open task. */
export function urge(step: FlowStep, command: Person<'urge'>) {
  requireInitiator(step, 'urge');
  const open = step.instance.tasks.filter((task) => task.kind === 'approve' && isOpen(task));
  if (open.length === 0) {
    step.fail('instance.state', {
      en: 'nobody has the item to act on',
      'zh-CN': '当前没有待处理的人',
    });
  }
  const users = [...new Set(open.map((task) => task.assignee))];
  step.log({ action: 'urged', users, opinion: command.opinion });
  step.notice('urge', users);
}

/** 评论: an opinion on the timeline without acting. */
export function comment(step: FlowStep, command: Person<'comment'>) {
  if (!command.opinion?.trim()) {
    step.fail(
      'opinion.required',
      { en: 'a comment needs text', 'zh-CN': '评论内容不能为空' },
      '/opinion',
    );
  }
  step.log({ action: 'commented', opinion: command.opinion });
}

/** A timer fired. Firing twice, or for a token already gone, changes nothing. */
export function wake(step: FlowStep, command: System<'wake'>) {
  const token = step.token(command.token);
  if (token?.wait?.kind !== 'timer') return;
  const node = step.flow.node(token.node);
  const handler = step.flow.handler(node);
  token.wait = undefined;
  step.log({ action: 'woke', node: node.id });
  if (handler.wake) handler.wake(step, token, node);
  else step.leave(token);
}

/** A task's deadline: a reminder before it, and at it the overdue mark plus the supervisor. */
export function deadline(step: FlowStep, command: System<'deadline'>) {
  const task = step.task(command.task);
  if (!task || !isOpen(task) || step.isEnded()) return;
  if (command.phase === 'remind') {
    step.notice('remind', [task.assignee], task.id);
    return;
  }
  if (task.overdue) return;
  task.overdue = true;
  const node = step.flow.node(task.node);
  const rule = (node.config?.deadline as { supervisor?: AssigneeRule } | undefined)?.supervisor;
  let supervisors: string[] = [];
  try {
    supervisors = rule ? step.assignees([rule], node, '/config/deadline/supervisor') : [];
  } catch {
    // nobody to escalate to: the assignee is still told, and the timeline says so
  }
  step.log({
    action: 'overdue',
    node: node.id,
    task: task.id,
    users: [task.assignee, ...supervisors],
  });
  step.notice(
    'overdue',
    [task.assignee, ...supervisors.filter((id) => id !== task.assignee)],
    task.id,
  );
}

/** The sub-flow a waiting token started has finished: approved moves on, otherwise this one fails. */
export function subflowEnded(step: FlowStep, command: System<'subflowEnded'>) {
  const token = step.token(command.token);
  if (token?.wait?.kind !== 'subflow') return;
  token.wait = undefined;
  step.log({ action: 'subflowEnded', node: token.node, outcome: command.outcome });
  if (command.outcome === 'approved') step.leave(token);
  else step.end('rejected', token.node);
}

/** Commands allowed after the instance ended. */
export const AFTER_END = new Set<FlowCommand['type']>([
  'comment',
  'read',
  'wake',
  'deadline',
  'subflowEnded',
]);
