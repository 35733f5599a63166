import { type Deadline, type NodeExpression, pointer } from '@tessera/core';

/**
 * One expression per entry of a `field → expression` mapping, at `base/<field>`; each result
 * fills that field of the table (or of the flow's table) named by `into`.
 */
export function mappingExpressions(
  base: string,
  mapping: Readonly<Record<string, string>> | undefined,
  into: { readonly table: string } | { readonly flow: string },
  extra: Omit<NodeExpression, 'path' | 'source' | 'fills'> = {},
): NodeExpression[] {
  return Object.entries(mapping ?? {}).map(([field, source]) => ({
    path: pointer(base, field),
    source,
    fills: { ...into, field },
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
