import type { ViewRequest } from './prepare-view.ts';
import { invalidViewQuery } from './view-errors.ts';

const MAX_FILTERS = 50;
const SORT = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)(?::(asc|desc))?$/;

/** The caller's part of a view request from its query string (400 naming the parameter). */
export function viewRequestOf(query: {
  readonly filter?: string;
  readonly q?: string;
  readonly sort?: string;
}): ViewRequest {
  const request: { filters?: unknown[]; q?: string; sort?: ViewRequest['sort'] } = {};
  if (query.filter !== undefined && query.filter.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.filter);
    } catch {
      throw invalidViewQuery('?filter', {
        en: 'must be a JSON array of { field, op, value }',
        'zh-CN': '必须是由 { field, op, value } 组成的 JSON 数组',
      });
    }
    if (!Array.isArray(parsed) || parsed.length > MAX_FILTERS) {
      throw invalidViewQuery('?filter', {
        en: `must be a JSON array of at most ${MAX_FILTERS} filters { field, op, value }`,
        'zh-CN': `必须是最多 ${MAX_FILTERS} 个 { field, op, value } 组成的 JSON 数组`,
      });
    }
    request.filters = parsed;
  }
  if (query.q !== undefined && query.q.trim() !== '') request.q = query.q;
  if (query.sort !== undefined && query.sort.trim() !== '') {
    request.sort = query.sort.split(',').map((part) => {
      const match = SORT.exec(part.trim());
      if (!match) {
        throw invalidViewQuery('?sort', {
          en: `"${part.slice(0, 100)}" is not field:asc or field:desc`,
          'zh-CN': `“${part.slice(0, 100)}”不是 字段:asc 或 字段:desc`,
        });
      }
      return { field: match[1]!, direction: match[2] === 'desc' ? 'desc' : 'asc' };
    });
  }
  return request;
}
