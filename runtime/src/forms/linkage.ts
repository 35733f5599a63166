import type { CompiledExpression, ExpressionEnvironment, FormDefinition } from '@tessera/core';
import type { FormValues } from './form-types.ts';

/** One linkage rule with its expressions parsed and type-checked. */
export interface CompiledRule {
  readonly field: string;
  readonly visible?: CompiledExpression;
  readonly required?: CompiledExpression;
  readonly readOnly?: CompiledExpression;
  readonly value?: CompiledExpression;
}

export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  /** Rules whose expression does not compile (the definition check reports them too). */
  readonly broken: readonly string[];
}

const STATES = ['visible', 'required', 'readOnly'] as const;

/**
 * Compiled once per expression environment and form definition: definitions are immutable
 * once published, and compiling is the costly part (parse + type-check).
 */
const cache = new WeakMap<ExpressionEnvironment, WeakMap<FormDefinition, CompiledRules>>();

export function compileRules(env: ExpressionEnvironment, form: FormDefinition): CompiledRules {
  const byForm = cache.get(env) ?? new WeakMap<FormDefinition, CompiledRules>();
  cache.set(env, byForm);
  const found = byForm.get(form);
  if (found) return found;
  const rules: CompiledRule[] = [];
  const broken: string[] = [];
  for (const rule of form.rules ?? []) {
    try {
      const compiled: Record<string, CompiledExpression | string> = { field: rule.field };
      for (const state of STATES) {
        const source = rule[state];
        if (source !== undefined) compiled[state] = env.compile(source, 'bool');
      }
      if (rule.value !== undefined) compiled.value = env.compile(rule.value);
      rules.push(compiled as unknown as CompiledRule);
    } catch {
      broken.push(rule.id);
    }
  }
  const result = { rules, broken };
  byForm.set(form, result);
  return result;
}

/** What the rules decided for one field; an absent key leaves the field as its rights say. */
export interface RuleOutcome {
  visible?: boolean;
  required?: boolean;
  readOnly?: boolean;
}

type Evaluate = (expression: CompiledExpression) => unknown;

/**
 * Evaluates the state rules. Several rules on one field combine safely: visible only when every
 * rule says so, required or read-only when any rule says so. A rule that fails to evaluate
 * (a missing value, division by zero) decides nothing, as on the server.
 */
export function evaluateStates(
  rules: readonly CompiledRule[],
  evaluate: Evaluate,
): Map<string, RuleOutcome> {
  const out = new Map<string, RuleOutcome>();
  for (const rule of rules) {
    for (const state of STATES) {
      const expression = rule[state];
      if (!expression) continue;
      let result: unknown;
      try {
        result = evaluate(expression);
      } catch {
        continue;
      }
      if (typeof result !== 'boolean') continue;
      const outcome = out.get(rule.field) ?? {};
      const previous = outcome[state];
      outcome[state] =
        previous === undefined
          ? result
          : state === 'visible'
            ? previous && result
            : previous || result;
      out.set(rule.field, outcome);
    }
  }
  return out;
}

/** The state rules evaluated over one set of values (`extra` adds `now` and `currentUser`). */
export function ruleStates(
  env: ExpressionEnvironment,
  rules: readonly CompiledRule[],
  values: FormValues,
  extra: FormValues,
): Map<string, RuleOutcome> {
  const prepared = env.prepare({ ...values, ...extra });
  return evaluateStates(rules, (one) => one.evaluatePrepared(prepared));
}
