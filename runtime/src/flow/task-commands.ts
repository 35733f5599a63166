import type { PersonCommand } from './commands.ts';
import type { FlowStep } from './flow-step.ts';
import { isOpen, type Task } from './instance.ts';
import { forgetJoins, reopen, returnTarget, stillPassed, unwound } from './return-target.ts';
import { actorsTask, checkNewHolders, requireOpinion, settle } from './task-guards.ts';

type Of<Type extends PersonCommand['type']> = Extract<PersonCommand, { type: Type }>;

/** When the last signer added before a holder has decided, the holder gets the task back. */
function releaseAdder(step: FlowStep, task: Task) {
  if (task.placement !== 'before' || !task.addedBy) return;
  const pending = step.instance.tasks.some(
    (other) => other.addedBy === task.addedBy && other.placement === 'before' && isOpen(other),
  );
  const adder = step.task(task.addedBy);
  if (!pending && adder?.status === 'waiting') adder.status = 'open';
}

function decide(step: FlowStep, command: Of<'approve'> | Of<'reject'>) {
  const { task, token, node } = actorsTask(step, command.task, 'approve');
  requireOpinion(step, node, command.opinion);
  const status = command.type === 'approve' ? 'approved' : 'rejected';
  step.closeTask(task, status, command.opinion);
  step.log({ action: status, node: node.id, task: task.id, opinion: command.opinion });
  releaseAdder(step, task);
  settle(step, token);
}

export const approve = (step: FlowStep, command: Of<'approve'>) => decide(step, command);
export const reject = (step: FlowStep, command: Of<'reject'>) => decide(step, command);

/**
 * 回退 (0026): closes the task as returned, unwinds the returning token (with every branch of
 * the splits the return leaves), reopens the joined splits the target is in, and enters the
 * target again. `straight` makes the target lead back here once it passes.
 */
export function sendBack(step: FlowStep, command: Of<'return'>) {
  const { task, token, node } = actorsTask(step, command.task, 'approve');
  requireOpinion(step, node, command.opinion);
  const target = returnTarget(step, token, command.to);
  const { passed, depth } = target;
  const straight = command.resubmit === 'straight';
  if (straight && (depth < token.branches.length || depth < passed.branches.length)) {
    step.fail(
      'return.notAllowed',
      {
        en: `a return from "${node.id}" to "${passed.node}" crosses a parallel split, so the resubmission walks the flow`,
        'zh-CN': `从“${node.id}”回退到“${passed.node}”跨越了并行分支，重新提交后须按流程流转`,
      },
      '/resubmit',
    );
  }
  step.closeTask(task, 'returned', command.opinion);
  const ids = unwound(step, token, depth);
  step.cancelTasks(ids);
  step.instance.tokens = step.instance.tokens.filter((one) => !ids.has(one.id));
  step.instance.passed = stillPassed(step, token, target);
  reopen(step, passed, depth);
  forgetJoins(step);
  step.instance.returned = { from: node.id, to: passed.node, straight };
  step.log({
    action: 'returned',
    node: node.id,
    task: task.id,
    to: passed.node,
    opinion: command.opinion,
  });
  const before = new Set(step.instance.tasks.map((one) => one.id));
  step.arrive(passed.node, passed.branches, undefined, passed.lanes);
  step.run();
  // whoever the item came back to is told so (消息), besides finding it in their boxes
  const back = step.instance.tasks.filter((one) => !before.has(one.id) && one.status === 'open');
  if (back.length > 0) step.notice('returned', [...new Set(back.map((one) => one.assignee))]);
}

/** 转办: the task goes to another person at the same node, with the same deadline. */
export function transfer(step: FlowStep, command: Of<'transfer'>) {
  const { task, token, node } = actorsTask(step, command.task, 'approve');
  checkNewHolders(step, token, [command.to], '/to');
  step.closeTask(task, 'transferred', command.opinion);
  step.openTask(token, {
    kind: 'approve',
    assignee: command.to,
    transferredFrom: task.id,
    ...(task.due ? { due: task.due } : {}),
    ...(task.addedBy ? { addedBy: task.addedBy } : {}),
    ...(task.placement ? { placement: task.placement } : {}),
  });
  step.log({
    action: 'transferred',
    node: node.id,
    task: task.id,
    users: [command.to],
    opinion: command.opinion,
  });
}

/**
 * 加签: `before` — the added people act first, then the holder gets the task back;
 * `after` — the holder approves now and the node waits for the added people too.
 */
export function addSigner(step: FlowStep, command: Of<'addSigner'>) {
  const { task, token, node } = actorsTask(step, command.task, 'approve');
  checkNewHolders(step, token, command.users, '/users');
  if (command.placement === 'before') task.status = 'waiting';
  else {
    requireOpinion(step, node, command.opinion);
    step.closeTask(task, 'approved', command.opinion);
  }
  for (const user of command.users) {
    step.openTask(token, {
      kind: 'approve',
      assignee: user,
      addedBy: task.id,
      placement: command.placement,
      ...(task.due ? { due: task.due } : {}),
    });
  }
  step.log({
    action: command.placement === 'before' ? 'signersAddedBefore' : 'signersAddedAfter',
    node: node.id,
    task: task.id,
    users: [...command.users],
    opinion: command.opinion,
  });
  if (command.placement === 'after') releaseAdder(step, task);
}

/** A CC item was read (知会已阅). */
export function read(step: FlowStep, command: Of<'read'>) {
  const task = step.task(command.task);
  if (task?.kind !== 'cc' || task.assignee !== step.actor) {
    step.fail(
      'task.notFound',
      { en: `no item "${command.task}" to read`, 'zh-CN': `没有可阅的事项“${command.task}”` },
      '/task',
    );
  }
  if (task.status === 'unread') {
    task.status = 'read';
    task.actedAt = step.now;
  }
}
