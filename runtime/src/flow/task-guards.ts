import type { FlowNode } from '@tessera/core';
import { pathOf } from './branch-path.ts';
import type { FlowStep } from './flow-step.ts';
import type { Task, TaskKind, Token } from './instance.ts';

/** The task a command names, checked to be the actor's, open and of the expected kind. */
export function actorsTask(
  step: FlowStep,
  id: string,
  kind: TaskKind,
): { task: Task; token: Token; node: FlowNode } {
  const task = step.task(id);
  if (!task) {
    step.fail(
      'task.notFound',
      { en: `task "${id}" does not exist`, 'zh-CN': `待办“${id}”不存在` },
      '/task',
    );
  }
  if (task.assignee !== step.actor) {
    step.fail(
      'task.notYours',
      { en: `task "${id}" is not assigned to you`, 'zh-CN': `待办“${id}”不是您的` },
      '/task',
    );
  }
  if (task.kind !== kind) {
    step.fail(
      'task.kind',
      {
        en: `task "${id}" is a ${task.kind} item, not a ${kind} task`,
        'zh-CN': `待办“${id}”不是此类事项`,
      },
      '/task',
    );
  }
  const open =
    kind === 'cc' ? task.status === 'unread' || task.status === 'read' : task.status === 'open';
  const token = step.token(task.token);
  if (!open || !token || step.isEnded()) {
    const waiting = task.status === 'waiting';
    step.fail(
      'task.closed',
      waiting
        ? {
            en: `task "${id}" waits for the signers you added before yourself`,
            'zh-CN': `待办“${id}”正在等待您前加签的人员处理`,
          }
        : {
            en: `task "${id}" was already handled (${task.status})`,
            'zh-CN': `待办“${id}”已处理（${task.status}）`,
          },
      '/task',
    );
  }
  return { task, token, node: step.flow.node(task.node) };
}

/** Refuses an action without an opinion at a node that requires one. */
export function requireOpinion(step: FlowStep, node: FlowNode, opinion: string | undefined) {
  if (step.flow.handler(node).opinionRequired?.(node) && !opinion?.trim()) {
    step.fail(
      'opinion.required',
      { en: `node "${node.id}" requires an opinion`, 'zh-CN': `节点“${node.id}”要求填写审批意见` },
      '/opinion',
    );
  }
}

/** Checks users to be added or transferred to: known, active, not the actor, not already on it. */
export function checkNewHolders(
  step: FlowStep,
  token: Token,
  users: readonly string[],
  field: string,
) {
  const holding = new Set(
    step
      .tasksAt(token)
      .filter((task) => task.status === 'open' || task.status === 'waiting')
      .map((task) => task.assignee),
  );
  if (users.length === 0) {
    step.fail('user.unknown', { en: 'name at least one user', 'zh-CN': '请至少选择一人' }, field);
  }
  users.forEach((user, index) => {
    const at = users.length === 1 && field === '/to' ? field : `${field}/${index}`;
    if (!step.context.organisation.user(user)?.active) {
      step.fail(
        'user.unknown',
        { en: `"${user}" is not an active user`, 'zh-CN': `“${user}”不是在职用户` },
        at,
      );
    }
    if (user === step.actor || holding.has(user) || users.indexOf(user) !== index) {
      step.fail(
        'user.unknown',
        {
          en: `"${user}" already holds this item at node "${token.node}"`,
          'zh-CN': `“${user}”已在节点“${token.node}”处理此事项`,
        },
        at,
      );
    }
  });
}

/** Asks the node whether it passed, failed or waits, and moves the instance on accordingly. */
export function settle(step: FlowStep, token: Token) {
  const node = step.flow.node(token.node);
  const verdict = step.flow.handler(node).settle?.(step, token, node) ?? 'pending';
  if (verdict === 'pending') return;
  if (verdict === 'failed') {
    step.end('rejected', node.id);
    return;
  }
  step.cancelTasks(new Set([token.id]));
  step.instance.passed.push({ node: node.id, ...pathOf(token), at: step.now });
  step.log({ action: 'passed', node: node.id });
  step.leave(token);
}
