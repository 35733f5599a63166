import { type Issue, issue, pointer } from '../issues/issue.ts';

/** Reports every id used more than once in a list, at the second use. */
export function uniqueIds(
  items: readonly { readonly id: string }[],
  base: string,
  what: string,
): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      issues.push(
        issue(pointer(base, index, 'id'), 'id.duplicate', {
          en: `${what} id "${item.id}" is used twice`,
          'zh-CN': `${what} ID“${item.id}”重复`,
        }),
      );
    }
    seen.add(item.id);
  });
  return issues;
}
