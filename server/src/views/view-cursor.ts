import type { RowPosition } from './row-order.ts';
import { invalidViewQuery } from './view-errors.ts';

const invalidCursor = () =>
  invalidViewQuery('?cursor', {
    en: 'the cursor does not belong to this view and order; start again without it',
    'zh-CN': '游标不属于此视图及排序，请不带游标重新开始',
  });

/**
 * The `next` of a view page: the position of its last row and the order it was read in
 * (`order`, the sort fields and directions), as base64url JSON. The next page starts after that
 * position, so rows added or removed meanwhile never shift a page.
 */
export const viewCursor = {
  encode(order: string, last: RowPosition): string {
    const body = JSON.stringify({ o: order, k: last.keys, c: last.createdAt, id: last.id });
    return Buffer.from(body, 'utf8').toString('base64url');
  },
  decode(order: string, cursor: string): RowPosition {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const { o, k, c, id } = (parsed ?? {}) as Record<string, unknown>;
    if (o !== order || !Array.isArray(k) || typeof c !== 'string' || typeof id !== 'string') {
      throw invalidCursor();
    }
    return { keys: k, createdAt: c, id };
  },
};
