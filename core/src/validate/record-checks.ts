import type { ExpressionEnvironment } from '../expression/environment.ts';
import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { TableDefinition } from '../model/table.ts';

type Compiled = ReturnType<ExpressionEnvironment['compile']>;

/** Compiled check rules by environment: definitions are immutable, so each compiles once. */
const compiledChecks = new WeakMap<ExpressionEnvironment, Map<string, Compiled | null>>();

function compiled(env: ExpressionEnvironment, rule: string): Compiled | null {
  let known = compiledChecks.get(env);
  if (!known) {
    known = new Map();
    compiledChecks.set(env, known);
  }
  if (!known.has(rule)) {
    let found: Compiled | null;
    try {
      found = env.compile(rule, 'bool');
    } catch {
      // the definition check reports a rule that does not compile; it cannot refuse a record
      found = null;
    }
    known.set(rule, found);
  }
  return known.get(rule) ?? null;
}

/**
 * A field's own rules (`checks`: "amount > 0", each with its message), evaluated over the
 * whole record. A rule that is false refuses the record at its field with its message; a rule
 * that cannot be evaluated (it reads an empty date) is not met either, as decision 0010 says.
 * Fields whose value is already refused, or empty, are not checked again.
 */
export function checkRules(
  table: TableDefinition,
  values: Readonly<Record<string, unknown>>,
  env: ExpressionEnvironment,
  skip: ReadonlySet<string>,
  base = '',
): Issue[] {
  const issues: Issue[] = [];
  for (const field of table.fields) {
    if (!field.checks?.length || skip.has(field.id)) continue;
    for (const [index, check] of field.checks.entries()) {
      const rule = compiled(env, check.rule);
      if (!rule) continue;
      let held: boolean;
      try {
        held = rule.evaluate(values) === true;
      } catch {
        held = false;
      }
      if (held) continue;
      const message =
        typeof check.message === 'string'
          ? { en: check.message, 'zh-CN': check.message }
          : check.message;
      issues.push(
        issue(pointer(base, field.id), `record.check.${index}`, {
          en: message.en ?? message['zh-CN'] ?? check.rule,
          'zh-CN': message['zh-CN'] ?? message.en ?? check.rule,
        }),
      );
      break;
    }
  }
  return issues;
}
