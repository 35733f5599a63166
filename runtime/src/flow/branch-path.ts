import type { Token } from './instance.ts';

/**
 * Where a token or a passed node sits among parallel splits: each split it is inside and,
 * when recorded, the branch (lane) it took there. Tokens and `Passed` entries both have one.
 */
export type BranchPath = Pick<Token, 'branches' | 'lanes'>;

/**
 * Whether two paths are in the same branch of the split at `depth`. A lane not recorded (an
 * instance from before lanes) matches any, which is how such instances behaved.
 */
export function sameBranchAt(a: BranchPath, b: BranchPath, depth: number): boolean {
  if (a.branches[depth] === undefined || a.branches[depth] !== b.branches[depth]) return false;
  const [left, right] = [a.lanes?.[depth], b.lanes?.[depth]];
  return left === undefined || right === undefined || left === right;
}

/** How many splits, from the outside in, two paths share the same branch of. */
export function sharedDepth(a: BranchPath, b: BranchPath): number {
  let depth = 0;
  while (sameBranchAt(a, b, depth)) depth += 1;
  return depth;
}

/** Whether one path lies on the other's way: the shorter one encloses the longer. */
export const nested = (a: BranchPath, b: BranchPath) =>
  sharedDepth(a, b) === Math.min(a.branches.length, b.branches.length);

/** A token's path alone, to record with a node it passed. */
export const pathOf = (token: BranchPath): BranchPath => ({
  branches: token.branches,
  ...(token.lanes ? { lanes: token.lanes } : {}),
});
