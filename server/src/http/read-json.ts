import type { Context } from 'hono';
import { ApiError } from './api-error.ts';

/** Bodies deeper than this are refused before any validator walks them. */
const MAX_DEPTH = 100;

/** Reads the request body as JSON: 400 `invalid_json` when it is not, `too_deep` when absurdly nested. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    throw new ApiError(400, 'invalid_json', {
      en: 'the request body is empty; send a JSON document',
      'zh-CN': '请求体为空，请发送 JSON 文档',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = positionOf(text, reason);
    const where = at
      ? {
          en: ` (line ${at.line}, column ${at.column})`,
          zh: `（第 ${at.line} 行第 ${at.column} 列）`,
        }
      : { en: '', zh: '' };
    throw new ApiError(
      400,
      'invalid_json',
      {
        en: `the request body is not valid JSON: ${reason}${where.en}`,
        'zh-CN': `请求体不是有效的 JSON：${reason}${where.zh}`,
      },
      undefined,
      at ?? {},
    );
  }
  if (depthOf(value) > MAX_DEPTH) {
    throw new ApiError(400, 'too_deep', {
      en: `the request body is nested deeper than ${MAX_DEPTH} levels`,
      'zh-CN': `请求体的嵌套超过 ${MAX_DEPTH} 层`,
    });
  }
  return value;
}

/** Nesting depth without recursion, so a hostile body cannot overflow the stack. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_DEPTH) return deepest;
    for (const inner of Object.values(value)) stack.push([inner, depth + 1]);
  }
  return deepest;
}

/** Line and column (1-based) of the "position N" V8 names in a JSON.parse error, if any. */
function positionOf(text: string, reason: string): { line: number; column: number } | undefined {
  const found = /position (\d+)/.exec(reason);
  if (!found) return undefined;
  const before = text.slice(0, Number(found[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}
