import { Environment, type TypeCheckResult } from '@marcbachmann/cel-js';
import type { FunctionDefinition } from '../plugin/function.ts';
import {
  fromEngineType,
  identity,
  type ToCel,
  toCelByType,
  toEngineType,
  zeroValue,
} from './cel-values.ts';
import { overBudget, tooCostly } from './cost-errors.ts';
import { CostMeter, isBudgetSpent } from './cost-meter.ts';
import { registerDecimal } from './decimal-support.ts';
import { inChinese } from './engine-messages.ts';
import { estimateCost } from './estimate-cost.ts';
import { ExpressionError, summaryOf } from './expression-error.ts';
import { DEFAULT_LIMITS, type ExpressionLimits } from './limits.ts';
import { findRefusedCall, registerSafeRegex } from './safe-regex.ts';
import { registerTimeFunctions } from './time-functions.ts';

/** A variable visible to expressions: its CEL type and how a JSON value becomes a CEL value. */
export interface VariableDeclaration {
  readonly name: string;
  readonly type: string;
  /** Defaults to the conversion by CEL type (cel-values.ts). */
  readonly toCel?: ToCel;
  /** A record whose fields are typed (e.g. `target` in a write-back guard). */
  readonly fields?: readonly VariableDeclaration[];
}

export interface ExpressionEnvironmentOptions {
  readonly variables?: readonly VariableDeclaration[];
  readonly functions?: readonly FunctionDefinition[];
  readonly limits?: Partial<ExpressionLimits>;
}

declare const prepared: unique symbol;

/**
 * A record's values converted to CEL once, for evaluating several expressions over the same
 * record (a form's linkage rules after a change) without converting per expression.
 */
export type PreparedContext = { readonly [prepared]: true };

/** A compiled expression: parse and type-check once, evaluate many times. */
export interface CompiledExpression {
  readonly source: string;
  /** The CEL type the expression gives, e.g. `bool`. */
  readonly type: string;
  /** The estimated most steps one evaluation takes (at most `limits.maxCost`). */
  readonly cost: number;
  /** Evaluates against JSON values keyed by variable name; returns the CEL value. */
  evaluate(values?: Readonly<Record<string, unknown>>): unknown;
  /** Evaluates over values converted once by `environment.prepare(values)`. */
  evaluatePrepared(context: PreparedContext): unknown;
}

export interface ExpressionEnvironment {
  readonly variables: readonly VariableDeclaration[];
  /** Parses and type-checks; throws ExpressionError with a position on any problem. */
  compile(source: string, expect?: string): CompiledExpression;
  /** Like compile, but returns the error instead of throwing. */
  check(source: string, expect?: string): ExpressionError | undefined;
  /** Converts a record's JSON values once, for evaluating many expressions over it. */
  prepare(values: Readonly<Record<string, unknown>>): PreparedContext;
}

const REFUSED = new Set(['matches']);

type Converter = readonly [name: string, convert: ToCel, empty: unknown];

/**
 * Builds a CEL environment once (it is costly) with Tessera's decimals, safe regex, time
 * helpers, plugin functions and typed variables. No eval, no `new Function` (decision 2).
 */
export function createExpressionEnvironment(
  options: ExpressionEnvironmentOptions = {},
): ExpressionEnvironment {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const env = new Environment({
    homogeneousAggregateLiterals: false,
    limits: {
      maxAstNodes: limits.maxAstNodes,
      maxDepth: limits.maxDepth,
      maxListElements: limits.maxListElements,
      maxMapEntries: limits.maxMapEntries,
      maxCallArguments: limits.maxCallArguments,
    },
  });
  registerDecimal(env);
  registerSafeRegex(env);
  registerTimeFunctions(env);
  for (const fn of options.functions ?? [])
    env.registerFunction(toEngineType(fn.signature), fn.handler as never);
  const variables = options.variables ?? [];
  const converters = variables.map((variable) => declare(env, variable));

  const compile = (source: string, expect?: string): CompiledExpression => {
    if (typeof source !== 'string' || source.length > limits.maxLength) {
      throw new ExpressionError(
        'too_long',
        {
          en: `the expression is longer than ${limits.maxLength} characters`,
          'zh-CN': `表达式超过 ${limits.maxLength} 个字符`,
        },
        String(source).slice(0, 200),
      );
    }
    const parsed = parse(env, source);
    const refused = findRefusedCall(parsed.ast, REFUSED);
    if (refused) {
      throw new ExpressionError(
        'unsafe_regex',
        {
          en: 'matches() is not available because crafted patterns can hang it; use regexMatch(text, pattern), which runs in linear time',
          'zh-CN':
            'matches() 不可用（特制的正则可使其卡死）；请改用 regexMatch(文本, 模式)，其运行时间为线性',
        },
        source,
        { start: refused.start ?? 0, end: refused.end ?? source.length },
      );
    }
    const checked = parsed.check() as TypeCheckResult;
    if (!checked.valid) {
      const error = checked.error as { range?: { start: number; end: number } } | undefined;
      const summary = summaryOf(checked.error);
      throw new ExpressionError(
        'type',
        { en: summary, 'zh-CN': inChinese(summary, '类型错误：') },
        source,
        error?.range,
      );
    }
    const type = fromEngineType(String(checked.type));
    if (expect && !assignable(expect, type)) {
      throw new ExpressionError(
        'result_type',
        {
          en: `the expression must give ${expect}, but gives ${type}`,
          'zh-CN': `表达式的结果应为 ${expect}，实际为 ${type}`,
        },
        source,
        { start: 0, end: source.length },
      );
    }
    const estimate = estimateCost(parsed.ast, {
      listSize: limits.assumedListSize,
      textLength: limits.assumedTextLength,
    });
    if (!(estimate.steps <= limits.maxCost)) throw tooCostly(source, estimate, limits);
    const meter = new CostMeter(limits.maxCost);
    const evaluate = meter.meter(parsed.ast)
      ? (context: object) => meter.run(parsed, context)
      : parsed;
    const maxResult = limits.maxResultSize;
    // Only the variables the expression names are converted at each evaluation (an expression
    // typically names 1–3 of a form's fields; converting the others was most of the cost).
    const referenced = referencedNames(parsed.ast);
    const toContext = contextBuilder(converters.filter(([name]) => referenced.has(name)));
    const run = (context: object): unknown => {
      let result: unknown;
      try {
        result = evaluate(context);
      } catch (error) {
        throw isBudgetSpent(error) ? overBudget(source, limits) : asEvaluationError(error, source);
      }
      if ((typeof result === 'string' || Array.isArray(result)) && result.length > maxResult) {
        throw new ExpressionError(
          'limit',
          { en: `the result is larger than ${maxResult}`, 'zh-CN': `结果超过上限 ${maxResult}` },
          source,
        );
      }
      return result;
    };
    return {
      source,
      type,
      cost: estimate.steps,
      evaluate: (values = {}) => run(toContext(values)),
      evaluatePrepared: (context) => run(context),
    };
  };

  const prepare = preparer(converters);
  return {
    variables,
    compile,
    prepare: (values) => prepare(values) as unknown as PreparedContext,
    check(source, expect) {
      try {
        compile(source, expect);
        return undefined;
      } catch (error) {
        if (error instanceof ExpressionError) return error;
        throw error;
      }
    },
  };
}

function declare(env: Environment, variable: VariableDeclaration): Converter {
  if (variable.fields) {
    const schema: Record<string, string> = {};
    const inner = variable.fields.map((field) => {
      schema[field.name] = toEngineType(field.type);
      return [field.name, field.toCel ?? toCelByType(field.type), zeroValue(field.type)] as const;
    });
    env.registerVariable({ name: variable.name, schema });
    const convert: ToCel = (value) => {
      const record = (value ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, toCel, empty] of inner) {
        const cell = record[name];
        out[name] = cell === undefined || cell === null ? empty : toCel(cell);
      }
      return out;
    };
    return [variable.name, convert, convert({})];
  }
  env.registerVariable(variable.name, toEngineType(variable.type));
  return [variable.name, variable.toCel ?? toCelByType(variable.type), zeroValue(variable.type)];
}

/**
 * Builds the CEL context from JSON values for some variables: a missing or null value counts as
 * the type's empty value. Parallel arrays and an index loop keep the per-evaluation cost to one
 * object and the conversions themselves.
 */
function contextBuilder(
  converters: readonly Converter[],
): (values: Readonly<Record<string, unknown>>) => Record<string, unknown> {
  const names = converters.map(([name]) => name);
  const converts = converters.map(([, convert]) => convert);
  const empties = converters.map(([, , empty]) => empty);
  const count = names.length;
  return (values) => {
    const context: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      const value = values[name];
      const convert = converts[i]!;
      // strings and booleans go in as they are: no call
      context[name] =
        value === undefined || value === null
          ? empties[i]
          : convert === identity
            ? value
            : convert(value);
    }
    return context;
  };
}

/**
 * Converts a whole record at once: a copy of the values (one allocation, a shape V8 already
 * knows), then only the variables that are empty or need converting are overwritten.
 */
function preparer(
  converters: readonly Converter[],
): (values: Readonly<Record<string, unknown>>) => object {
  const names = converters.map(([name]) => name);
  const converts = converters.map(([, convert]) => convert);
  const empties = converters.map(([, , empty]) => empty);
  const count = names.length;
  return (values) => {
    const context: Record<string, unknown> = { ...values };
    for (let i = 0; i < count; i++) {
      const name = names[i]!;
      const value = values[name];
      if (value === undefined || value === null) context[name] = empties[i];
      else if (converts[i] !== identity) context[name] = converts[i]!(value);
    }
    return context;
  };
}

/**
 * Every identifier in a parsed expression (a superset of the variables it reads: macro iteration
 * variables are included). cel-js reads a variable from the context only through an `id` node,
 * and macro expansions reuse the nodes of their arguments.
 */
function referencedNames(ast: unknown): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    if (node === null || typeof node !== 'object' || !('op' in node)) continue;
    const { op, args } = node as { op: unknown; args: unknown };
    if (op === 'id') {
      if (typeof args === 'string') names.add(args);
    } else if (op !== 'value' && args !== null && typeof args === 'object') {
      stack.push(args);
    }
  }
  return names;
}

type Parsed = ReturnType<Environment['parse']>;

function parse(env: Environment, source: string): Parsed {
  try {
    return env.parse(source);
  } catch (error) {
    const range = (error as { range?: { start: number; end: number } }).range;
    const summary = summaryOf(error);
    const limit = /limit|exceed|maximum|too (deep|many)/i.test(summary);
    throw new ExpressionError(
      limit ? 'limit' : 'syntax',
      { en: summary, 'zh-CN': inChinese(summary, limit ? '表达式超出限制：' : '语法错误：') },
      source,
      range,
    );
  }
}

function asEvaluationError(error: unknown, source: string): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const range = (error as { range?: { start: number; end: number } }).range;
  const summary = summaryOf(error);
  return new ExpressionError(
    'evaluation',
    { en: summary, 'zh-CN': inChinese(summary, '求值出错：') },
    source,
    range,
  );
}

const NUMERIC = new Set(['int', 'uint', 'double', 'decimal']);

/** Whether a result of type `actual` can fill a slot of type `expect` (numbers widen to decimal/double). */
export function assignable(expect: string, actual: string): boolean {
  if (expect === actual || actual === 'dyn' || expect === 'dyn') return true;
  if ((expect === 'decimal' || expect === 'double') && NUMERIC.has(actual)) return true;
  const list = /^list(<.*>)?$/;
  if (list.test(expect) && list.test(actual))
    return expect === 'list' || actual === 'list' || actual === 'list<dyn>';
  const map = /^map(<.*>)?$/;
  return map.test(expect) && map.test(actual);
}
