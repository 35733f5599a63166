import type { FlowStep } from './flow-step.ts';
import type { Passed, Token } from './instance.ts';

const isPrefix = (prefix: readonly string[], of: readonly string[]) =>
  prefix.length <= of.length && prefix.every((id, index) => of[index] === id);

/**
 * Where a return from `token` goes: `drafter`, `previous` (the last node passed), or a node
 * passed on the way here, within the policy of the node returning. A node inside another
 * parallel branch cannot be returned to.
 */
export function returnTarget(
  step: FlowStep,
  token: Token,
  to: string,
): { index: number; passed: Passed } {
  const node = step.flow.node(token.node);
  const policy = step.flow.handler(node).returns?.(node) ?? { allowed: false, to: 'any' };
  const refuse = (en: string, zh: string): never =>
    step.fail('return.notAllowed', { en, 'zh-CN': zh }, '/to');
  if (!policy.allowed)
    refuse(`node "${node.id}" does not allow returns`, `节点“${node.id}”不允许回退`);
  const reachable = step.instance.passed
    .map((passed, index) => ({ passed, index }))
    .filter(({ passed }) => isPrefix(passed.branches, token.branches) && passed.node !== node.id);
  const startId = step.flow.start.id;
  const wanted =
    to === 'drafter' ? startId : to === 'previous' ? reachable.at(-1)?.passed.node : to;
  const allowed =
    policy.to === 'any' ||
    (policy.to === 'drafter' && wanted === startId) ||
    (policy.to === 'previous' && wanted === reachable.at(-1)?.passed.node);
  if (!allowed) {
    refuse(
      `node "${node.id}" returns only to ${policy.to === 'drafter' ? 'the drafter' : 'the previous node'}`,
      `节点“${node.id}”只能回退到${policy.to === 'drafter' ? '发起人' : '上一节点'}`,
    );
  }
  const found = [...reachable].reverse().find(({ passed }) => passed.node === wanted);
  if (!found) {
    refuse(
      `"${to}" is not a node this item passed on its way to "${node.id}"`,
      `“${to}”不是此事项到达“${node.id}”之前经过的节点`,
    );
  }
  return found!;
}

/** The tokens a return to a node with `branches` unwinds: the returning one and every one inside. */
export function unwound(step: FlowStep, token: Token, branches: readonly string[]): Set<string> {
  const ids = new Set([token.id]);
  for (const other of step.instance.tokens) {
    if (other.branches.length > branches.length && isPrefix(branches, other.branches))
      ids.add(other.id);
  }
  return ids;
}
