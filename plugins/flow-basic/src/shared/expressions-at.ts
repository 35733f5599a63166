import { type Deadline, type NodeExpression, pointer } from '@tessera/core';

/** One expression per entry of a `field → expression` mapping, at `base/<field>`. */
export function mappingExpressions(
  base: string,
  mapping: Readonly<Record<string, string>> | undefined,
  extra: Omit<NodeExpression, 'path' | 'source'> = {},
): NodeExpression[] {
  return Object.entries(mapping ?? {}).map(([field, source]) => ({
    path: pointer(base, field),
    source,
    ...extra,
  }));
}

/** A deadline computed by CEL (`afterExpr`) must give a duration. */
export function deadlineExpressions(
  base: string,
  deadline: Deadline | undefined,
): NodeExpression[] {
  return deadline?.afterExpr
    ? [{ path: pointer(base, 'afterExpr'), source: deadline.afterExpr, expect: 'duration' }]
    : [];
}
