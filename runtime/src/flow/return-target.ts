import { nested, sameBranchAt, sharedDepth } from './branch-path.ts';
import type { FlowStep } from './flow-step.ts';
import type { FlowInstance, Passed, Token } from './instance.ts';

/** Where a return goes, and how many splits the returning token and the target share. */
export interface ReturnTarget {
  readonly index: number;
  readonly passed: Passed;
  readonly depth: number;
}

/**
 * Whether a node passed lies on the way to `token` (0026): in its own branch or outside it,
 * or inside splits that have joined since (their join is recorded in `merged`), but never in
 * a branch running beside it.
 */
function onTheWay(passed: Passed, token: Token, joined: ReadonlySet<string>): boolean {
  const inner = passed.branches.slice(sharedDepth(passed, token));
  return inner.length === 0 || (passed.lanes !== undefined && inner.every((id) => joined.has(id)));
}

/**
 * The nodes a return from the task on `tokenId` may name (0026): those passed on the way to
 * it, oldest first, each once; every passed node when the token is gone. What an item page
 * offers, so it never lists a step of a branch running beside the caller's.
 */
export function returnChoices(
  instance: Pick<FlowInstance, 'passed' | 'tokens' | 'merged'>,
  tokenId: string,
): string[] {
  const token = instance.tokens.find((one) => one.id === tokenId);
  const joined = new Set((instance.merged ?? []).map((one) => one.split));
  const nodes = instance.passed
    .filter((passed) => !token || (passed.node !== token.node && onTheWay(passed, token, joined)))
    .map((passed) => passed.node);
  return [...new Set(nodes)];
}

/**
 * Where a return from `token` goes: `drafter`, `previous` (the node passed last on the way
 * here), or a node passed on the way here, within the policy of the node returning.
 */
export function returnTarget(step: FlowStep, token: Token, to: string): ReturnTarget {
  const node = step.flow.node(token.node);
  const policy = step.flow.handler(node).returns?.(node) ?? { allowed: false, to: 'any' };
  const refuse = (en: string, zh: string): never =>
    step.fail('return.notAllowed', { en, 'zh-CN': zh }, '/to');
  if (!policy.allowed)
    refuse(`node "${node.id}" does not allow returns`, `节点“${node.id}”不允许回退`);
  const joined = new Set((step.instance.merged ?? []).map((one) => one.split));
  const reachable = step.instance.passed
    .map((passed, index) => ({ passed, index }))
    .filter(({ passed }) => passed.node !== node.id && onTheWay(passed, token, joined));
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
    if (step.instance.passed.some((passed) => passed.node === wanted && passed.node !== node.id)) {
      refuse(
        `"${to}" is in a parallel branch running beside "${node.id}"; a return stays in its own branch`,
        `“${to}”位于与“${node.id}”并行的另一分支；回退只能在本分支内进行`,
      );
    }
    refuse(
      `"${to}" is not a node this item passed on its way to "${node.id}"`,
      `“${to}”不是此事项到达“${node.id}”之前经过的节点`,
    );
  }
  return { ...found!, depth: sharedDepth(found!.passed, token) };
}

/**
 * The tokens a return unwinds: the returning one and, when the target lies outside splits
 * the returning token is in, every token inside those splits (the other branches too).
 */
export function unwound(step: FlowStep, token: Token, depth: number): Set<string> {
  const ids = new Set([token.id]);
  const split = token.branches[depth];
  if (split === undefined) return ids;
  for (const other of step.instance.tokens) {
    if (sharedDepth(other, token) >= depth && other.branches[depth] === split) ids.add(other.id);
  }
  return ids;
}

/**
 * Reopens the joined splits between the shared depth and the target: the branches beside the
 * target's are set back at their joins as arrived, so the join lets the flow on once the
 * target's branch arrives again.
 */
export function reopen(step: FlowStep, target: Passed, depth: number) {
  const merged = step.instance.merged;
  if (!merged || depth >= target.branches.length) return;
  for (let level = depth; level < target.branches.length; level += 1) {
    const joined = merged.find((one) => one.split === target.branches[level]);
    for (const token of joined?.tokens ?? []) {
      if (!sameBranchAt(token, target, level)) step.instance.tokens.push(structuredClone(token));
    }
  }
  const reopened = new Set(target.branches.slice(depth));
  step.instance.merged = merged.filter((one) => !reopened.has(one.split));
}

/**
 * The passed nodes a return to `target` (at `index`) takes back: those passed since on the
 * target's way (its branch, the splits inside it, what came after the join) and those in the
 * splits unwound. Branches counted as arrived keep theirs, so they stay valid targets.
 */
export function stillPassed(step: FlowStep, token: Token, target: ReturnTarget): Passed[] {
  const split = token.branches[target.depth];
  const undone = (passed: Passed) =>
    nested(passed, target.passed) ||
    (split !== undefined &&
      sharedDepth(passed, token) >= target.depth &&
      passed.branches[target.depth] === split);
  return step.instance.passed.filter((passed, at) => at < target.index || !undone(passed));
}

/** Drops the joins no passed node lies inside any more: nothing can return into them. */
export function forgetJoins(step: FlowStep) {
  const inside = new Set(step.instance.passed.flatMap((passed) => passed.branches));
  const merged = step.instance.merged;
  if (merged) step.instance.merged = merged.filter((one) => inside.has(one.split));
}
