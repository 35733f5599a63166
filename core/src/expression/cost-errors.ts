import type { CostEstimate } from './estimate-cost.ts';
import { ExpressionError } from './expression-error.ts';
import type { ExpressionLimits } from './limits.ts';

/** 1234567 → "1,234,567" (the same in both languages, whatever the host's locale). */
function formatSteps(steps: number): string {
  if (!Number.isFinite(steps) || steps >= 1e15) return 'more than 1,000,000,000,000,000';
  return String(Math.round(steps)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The check's refusal of an expression whose estimate exceeds the budget. */
export function tooCostly(
  source: string,
  estimate: CostEstimate,
  limits: ExpressionLimits,
): ExpressionError {
  const steps = formatSteps(estimate.steps);
  const limit = formatSteps(limits.maxCost);
  const loop = estimate.loop;
  const at = loop ? { start: loop.start, end: loop.end } : { start: 0, end: source.length };
  if (!loop) {
    const text = formatSteps(limits.assumedTextLength);
    const list = formatSteps(limits.assumedListSize);
    return new ExpressionError(
      'too_costly',
      {
        en: `the expression may take up to ${steps} steps on texts of up to ${text} characters and lists of up to ${list} elements; the limit is ${limit}`,
        'zh-CN': `按文本最多 ${text} 个字符、列表最多 ${list} 个元素估算，表达式最多可能需要 ${steps} 步；上限为 ${limit} 步`,
      },
      source,
      at,
    );
  }
  const largest = formatSteps(loop.largest);
  const nested = loop.nesting > 1;
  return new ExpressionError(
    'too_costly',
    {
      en: nested
        ? `${loop.nesting} nested comprehensions over lists of up to ${largest} elements may take up to ${steps} steps; the limit is ${limit}. Nest fewer map/filter/all/exists, or use shorter lists`
        : `a comprehension over a list of up to ${largest} elements may take up to ${steps} steps; the limit is ${limit}. Do less for each element, or use a shorter list`,
      'zh-CN': nested
        ? `嵌套 ${loop.nesting} 层的推导（map/filter/all/exists）遍历最多 ${largest} 个元素的列表，最多可能需要 ${steps} 步；上限为 ${limit} 步。请减少嵌套或使用更短的列表`
        : `推导（map/filter/all/exists）遍历最多 ${largest} 个元素的列表，最多可能需要 ${steps} 步；上限为 ${limit} 步。请减少每个元素上的计算或使用更短的列表`,
    },
    source,
    at,
  );
}

/** The evaluation error of an expression that spent its budget (its inputs outgrew the check). */
export function overBudget(source: string, limits: ExpressionLimits): ExpressionError {
  const limit = formatSteps(limits.maxCost);
  return new ExpressionError(
    'budget',
    {
      en: `evaluation stopped: it took more than ${limit} steps, the budget of one expression (its inputs are larger than the check assumed)`,
      'zh-CN': `求值已中止：超过 ${limit} 步的单个表达式上限（输入的数据比检查时假定的更大）`,
    },
    source,
  );
}
