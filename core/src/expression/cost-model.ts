/**
 * What a step is, shared by the estimate at check time (estimate-cost.ts) and the meter at
 * evaluation (cost-meter.ts), so that an expression the check lets through cannot spend more at
 * evaluation than estimated while its inputs stay within the assumed sizes:
 *
 * - each AST node evaluated inside a comprehension costs 1 step per iteration (nodes outside any
 *   comprehension run once and are bounded by maxAstNodes, so they are not counted at run time);
 * - an operator (other than arithmetic) or function given a text, list or map costs its
 *   *measure*: 1 step per element or entry (deeply) plus 1 step per {@link CHARS_PER_STEP}
 *   characters; a function also pays the measure of what it returns (`split` makes a list from
 *   a text), and `size()` of a list or map costs nothing.
 */
export const CHARS_PER_STEP = 32;

/** A checked type as cel-js 8 describes it (`TypeDeclaration`). */
export interface CelType {
  readonly kind: string;
  readonly name: string;
  readonly keyType?: CelType;
  readonly valueType?: CelType;
}

/**
 * The parts of a cel-js 8 AST node the budget reads. They are not in its typings: a macro call
 * (`list.map(…)`) evaluates the comprehension node in `meta.alternate`, and type-checking stores
 * the operator's implementation in `handle`, which the meter wraps.
 */
export interface CelNode {
  readonly op: string;
  readonly args: unknown;
  readonly start?: number;
  readonly end?: number;
  readonly checkedType?: CelType;
  readonly meta: { readonly alternate?: CelNode; readonly macro?: unknown };
  handle?: (...args: unknown[]) => unknown;
}

export interface ComprehensionArgs {
  readonly iterable: CelNode;
  readonly init: CelNode;
  readonly step: CelNode;
  readonly iterVarName: string;
  readonly kind?: string;
}

/** The binary operators that may be given texts, lists or maps (`-`, `*`, `/`, `%` take numbers). */
export const SIZED_OPS: ReadonlySet<string> = new Set([
  '==',
  '!=',
  'in',
  '+',
  '<',
  '<=',
  '>',
  '>=',
]);

const SCALARS = new Set([
  'int',
  'uint',
  'double',
  'bool',
  'null',
  'type',
  'decimal',
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
]);

/** Whether values of this type are fixed-size (numbers, booleans, dates …): they measure 0. */
export function isScalar(type: CelType | undefined): boolean {
  return type !== undefined && SCALARS.has(type.name);
}

export function isNode(value: unknown): value is CelNode {
  return value !== null && typeof value === 'object' && typeof (value as CelNode).op === 'string';
}

/** The nodes evaluated on behalf of `node`, in the structure evaluation follows. */
export function childrenOf(node: CelNode): CelNode[] {
  const alternate = node.meta.alternate;
  if (alternate) return [alternate];
  const bind = bindMacro(node);
  if (bind) return [bind.val, bind.exp];
  if (node.op === 'comprehension') {
    const { iterable, init, step } = node.args as ComprehensionArgs;
    return [iterable, init, step];
  }
  const found: CelNode[] = [];
  const collect = (value: unknown): void => {
    if (isNode(value)) found.push(value);
    else if (Array.isArray(value)) for (const item of value) collect(item);
  };
  collect(node.args);
  return found;
}

/** `cel.bind(name, value, body)`: evaluates `value` once, then `body` with `name` bound to it. */
export function bindMacro(node: CelNode): { var: string; val: CelNode; exp: CelNode } | undefined {
  const macro = node.meta.macro as { var?: unknown; val?: unknown; exp?: unknown } | undefined;
  if (!macro || typeof macro.var !== 'string' || !isNode(macro.val) || !isNode(macro.exp)) {
    return undefined;
  }
  return { var: macro.var, val: macro.val, exp: macro.exp };
}

/** Functions whose cost does not depend on the size of a list or map they are given. */
export const freeOnCollections = (name: string): boolean => name === 'size';

/**
 * The measure of a runtime value (see above), counted up to `limit` and no further, so
 * measuring a huge value costs no more than the budget left. Iterative: input may nest deeply.
 */
export function measure(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return Math.min(flat(value), limit + 1);
  let total = 0;
  const nested: object[] = [];
  for (let at: object | undefined = value; at !== undefined && total <= limit; at = nested.pop()) {
    if (Array.isArray(at)) {
      // the common case (`dept in ["a", "b"]`): a plain loop
      for (let i = 0; i < at.length && total <= limit; i++) total += 1 + visit(at[i], nested);
    } else if (at instanceof Uint8Array) {
      total += Math.ceil(at.length / CHARS_PER_STEP);
    } else if (at instanceof Set) {
      for (const inner of at) {
        total += 1 + visit(inner, nested);
        if (total > limit) break;
      }
    } else if (at instanceof Map) {
      for (const [key, inner] of at) {
        total += 1 + flat(key) + visit(inner, nested);
        if (total > limit) break;
      }
    } else if (isPlainObject(at)) {
      for (const key in at) {
        total += 1 + flat(key) + visit(at[key], nested);
        if (total > limit) break;
      }
    }
  }
  return Math.min(total, limit + 1);
}

/** A text's measure, or 0 after putting a list or map aside to be measured next. */
function visit(value: unknown, nested: object[]): number {
  if (value !== null && typeof value === 'object') nested.push(value);
  return flat(value);
}

/** A text's measure, without looking inside lists and maps (0 for them and for scalars). */
const flat = (value: unknown): number =>
  typeof value === 'string' ? Math.ceil(value.length / CHARS_PER_STEP) : 0;

/** How many times a comprehension over this value runs its step. */
export function iterationsOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value instanceof Set || value instanceof Map) return value.size;
  if (isPlainObject(value)) return Object.keys(value).length;
  return 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
