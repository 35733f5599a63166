import type { Environment } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS>();
const MAX_PATTERN = 500;

/**
 * CEL's `matches()` runs on the JavaScript RegExp engine, which backtracks: one crafted
 * pattern can hold the server's event loop for minutes. Expressions use `regexMatch`,
 * backed by RE2 (linear time), and a `matches()` call is refused when compiled.
 */
export function registerSafeRegex(env: Environment): void {
  const match = (text: string, pattern: string) => compile(pattern).matcher(text).find();
  env.registerFunction('regexMatch(string, string): bool', match);
  env.registerFunction('string.regexMatch(string): bool', match);
}

function compile(pattern: string): RE2JS {
  if (pattern.length > MAX_PATTERN)
    throw new RangeError(`a pattern may have at most ${MAX_PATTERN} characters`);
  let found = cache.get(pattern);
  if (!found) {
    found = RE2JS.compile(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, found);
  }
  return found;
}

interface AstNode {
  readonly op: string;
  readonly args: unknown;
  readonly start?: number;
  readonly end?: number;
}

/** Finds the first call of a refused function in a parsed expression, with its position. */
export function findRefusedCall(ast: unknown, refused: ReadonlySet<string>): AstNode | undefined {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (node === null || typeof node !== 'object' || !('op' in node)) continue;
    const ast = node as AstNode;
    if (
      (ast.op === 'call' || ast.op === 'rcall') &&
      Array.isArray(ast.args) &&
      refused.has(String(ast.args[0]))
    ) {
      return ast;
    }
    if (Array.isArray(ast.args)) stack.push(...ast.args);
    else if (ast.args !== null && typeof ast.args === 'object') stack.push(ast.args);
  }
  return undefined;
}
