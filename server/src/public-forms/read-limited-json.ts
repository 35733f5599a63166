import type { Context } from 'hono';
import { ApiError } from '../http/api-error.ts';
import { submissionTooLarge } from './public-form-errors.ts';

/** Deeper bodies are refused before any validator walks them. */
const MAX_DEPTH = 32;

function tooDeep(root: unknown): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return true;
    for (const inner of Object.values(value)) stack.push([inner, depth + 1]);
  }
  return false;
}

/**
 * The JSON body, read as it arrives and cut off at `limit` bytes (413 naming the rule), so an
 * anonymous caller can never make the server hold more than that.
 */
export async function readLimitedJson(c: Context, limit: number): Promise<unknown> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw submissionTooLarge(limit);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = c.req.raw.body;
  if (stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw submissionTooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', {
      en: 'the request body is not a JSON document',
      'zh-CN': '请求体不是有效的 JSON 文档',
    });
  }
  if (tooDeep(value)) {
    throw new ApiError(400, 'too_deep', {
      en: `the request body is nested deeper than ${MAX_DEPTH} levels`,
      'zh-CN': `请求体的嵌套超过 ${MAX_DEPTH} 层`,
    });
  }
  return value;
}
