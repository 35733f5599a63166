import type { AssigneeRule, Issue } from '@tessera/core';
import { issue } from '@tessera/core';
import type { CountersignRuleValue } from './countersign-rule.ts';

/** How many people the rules name when that is known before the run: user lists only. */
function fixedVoters(assignees: readonly AssigneeRule[]): number | undefined {
  const users = new Set<string>();
  for (const rule of assignees) {
    if (rule.kind !== 'user') return undefined;
    for (const user of rule.users) users.add(user);
  }
  return users.size;
}

/**
 * "At least N" can never pass with fewer than N people: refused here when the assignees are
 * fixed user lists; people resolved at run time are counted when the node is entered.
 */
export function checkCountersign(config: {
  readonly assignees: readonly AssigneeRule[];
  readonly rule: CountersignRuleValue;
}): Issue[] {
  const { rule } = config;
  if (rule.kind !== 'count') return [];
  const voters = fixedVoters(config.assignees);
  if (voters === undefined || rule.atLeast <= voters) return [];
  return [
    issue('/config/rule/atLeast', 'countersign.count-above-assignees', {
      en: `the countersign needs at least ${rule.atLeast} approvals, but its assignees are only ${voters} people`,
      'zh-CN': `会签要求至少 ${rule.atLeast} 人同意，但处理人只有 ${voters} 位`,
    }),
  ];
}
