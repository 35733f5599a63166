import {
  type Bilingual,
  celToJson,
  Decimal,
  type ExpressionEnvironment,
  type FieldDefinition,
  type FieldTypeDefinition,
  localize,
} from '@tessera/core';
import type { WriteBackConfigValue } from './write-back-config.ts';

type Values = Readonly<Record<string, unknown>>;

export interface WriteBackInput {
  readonly config: WriteBackConfigValue;
  /** The flow table's environment with `target` typed as the target table's record. */
  readonly environment: ExpressionEnvironment;
  /** The flow record's values the effect was owed with. */
  readonly values: Values;
  /** The target record as it stands (update, increment); absent for create. */
  readonly target?: Values;
  readonly now: string;
  readonly currentUser: { readonly id: string; readonly name: string; readonly department: string };
  /** Node id → the record id(s) the instance's earlier create write-backs made (`created`). */
  readonly created?: Readonly<Record<string, string | readonly string[]>>;
  /** Inside a forEach: the item (a sub-table row's values) and its 0-based position. */
  readonly row?: unknown;
  readonly index?: number;
  /** A target table field and its type, to turn CEL results into stored values. */
  fieldOf(
    id: string,
  ): { readonly type: FieldTypeDefinition; readonly field: FieldDefinition } | undefined;
}

export type WriteBackPlan =
  | { readonly ok: true; readonly values: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly code: 'write-back.guard' | 'write-back.expression' | 'write-back.too-many';
      readonly message: Bilingual;
      readonly field: string;
    };

export const scope = (input: Omit<WriteBackInput, 'fieldOf' | 'environment'>) => ({
  ...input.values,
  now: input.now,
  currentUser: { ...input.currentUser, roles: [] },
  target: input.target ?? {},
  created: input.created ?? {},
  ...(input.index === undefined ? {} : { row: input.row ?? {}, index: input.index }),
});

export function failed(path: string, error: unknown): Extract<WriteBackPlan, { ok: false }> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    code: 'write-back.expression',
    message: {
      en: `write-back expression ${path} failed: ${reason}`,
      'zh-CN': `回写表达式 ${path} 计算失败：${reason}`,
    },
    field: path,
  };
}

/** The id of the record an update or increment changes, from `recordId` over the flow record. */
export function writeBackRecordId(
  input: Omit<WriteBackInput, 'target' | 'fieldOf'>,
): string | undefined {
  if (input.config.recordId === undefined) return undefined;
  const value = celToJson(input.environment.compile(input.config.recordId).evaluate(scope(input)));
  const id = Array.isArray(value) ? value[0] : value;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

const stored = (input: WriteBackInput, id: string, value: unknown) => {
  const found = input.fieldOf(id);
  if (!found) return celToJson(value);
  const field = { ...found.field, config: found.field.config ?? {} };
  return found.type.fromCel(value, field as never);
};

/**
 * What a write-back writes (回写), pure: the guard checked against the target as it stands,
 * then the mapping evaluated. `create` gives the new record's values; `update` and
 * `increment` give the target's values after the change (increments add, in decimals).
 */
export function planWriteBack(input: WriteBackInput): WriteBackPlan {
  const context = scope(input);
  const { config } = input;
  if (config.guard) {
    let holds: unknown;
    try {
      holds = input.environment.compile(config.guard.rule, 'bool').evaluate(context);
    } catch (error) {
      return failed('/config/guard/rule', error);
    }
    if (holds !== true) {
      const text = config.guard.message;
      const message = { en: localize(text, 'en'), 'zh-CN': localize(text, 'zh-CN') };
      return { ok: false, code: 'write-back.guard', message, field: '/config/guard/rule' };
    }
  }
  const out: Record<string, unknown> = config.mode === 'create' ? {} : { ...input.target };
  for (const [field, source] of Object.entries(config.mapping)) {
    try {
      let value = input.environment.compile(source).evaluate(context);
      if (config.mode === 'increment') {
        const before = input.target?.[field];
        const base =
          before === undefined || before === null ? new Decimal(0) : new Decimal(String(before));
        value = base.plus(new Decimal(String(celToJson(value))));
      }
      out[field] = stored(input, field, value);
    } catch (error) {
      // an amount that is no number, or a value its field cannot hold, fails like the expression
      return failed(`/config/mapping/${field}`, error);
    }
  }
  return { ok: true, values: out };
}
