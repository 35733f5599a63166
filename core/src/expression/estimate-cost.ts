import {
  bindMacro,
  type CelNode,
  type CelType,
  CHARS_PER_STEP,
  type ComprehensionArgs,
  childrenOf,
  freeOnCollections,
  isNode,
  isScalar,
  SIZED_OPS,
} from './cost-model.ts';

/** Sizes the estimate takes for values it cannot see: the inputs. */
export interface CostAssumptions {
  /** Elements of a list or entries of a map from the input. */
  readonly listSize: number;
  /** Characters of a text from the input. */
  readonly textLength: number;
}

export interface CostEstimate {
  /** An upper bound of the steps one evaluation takes while inputs stay within the assumptions. */
  readonly steps: number;
  /** The costliest comprehension, if there is one: how deep it nests, over how long a list. */
  readonly loop?: {
    readonly nesting: number;
    readonly largest: number;
    readonly start: number;
    readonly end: number;
  };
}

/**
 * An upper bound on a value: `size` its elements, entries or characters, `deep` its measure
 * (cost-model.ts), `item` a bound on each element, key or value.
 */
interface Bound {
  readonly size: number;
  readonly deep: number;
  readonly item?: Bound;
}

interface Visit {
  readonly steps: number;
  readonly bound: Bound;
  readonly nesting: number;
  readonly largest: number;
}

type Scope = ReadonlyMap<string, Bound>;

const SCALAR: Bound = { size: 0, deep: 0 };
/** Longest text `string()` makes of a number, decimal or date. */
const SCALAR_TEXT = 96;

const text = (chars: number): Bound => ({ size: chars, deep: Math.ceil(chars / CHARS_PER_STEP) });
const list = (size: number, item: Bound): Bound => ({ size, item, deep: size * (1 + item.deep) });
/** A bound that is its own element bound (a value of unknown type, parsed JSON). */
function selfSimilar(size: number, deep: number): Bound {
  const bound: { size: number; deep: number; item?: Bound } = { size, deep };
  bound.item = bound;
  return bound;
}

/**
 * Estimates, from a type-checked cel-js AST, an upper bound of the steps one evaluation takes.
 * Comprehensions multiply the steps of their body by the length of their list, so nesting
 * multiplies list sizes; texts and lists built inside the expression are followed (literals,
 * `+`, `split`, `map`, `cel.bind`), and input values are taken at the assumed sizes.
 */
export function estimateCost(ast: unknown, assumptions: CostAssumptions): CostEstimate {
  if (!isNode(ast)) return { steps: 0 };
  const unknown = selfSimilar(
    assumptions.listSize,
    Math.ceil(assumptions.textLength / CHARS_PER_STEP),
  );
  const typed = (type: CelType | undefined): Bound => {
    if (isScalar(type)) return SCALAR;
    if (type?.name === 'string' || type?.name === 'bytes') return text(assumptions.textLength);
    if (type?.kind === 'list' && type.valueType)
      return list(assumptions.listSize, typed(type.valueType));
    if (type?.kind === 'map' && type.keyType && type.valueType) {
      const key = typed(type.keyType);
      const value = typed(type.valueType);
      const size = assumptions.listSize;
      return { size, item: join(key, value), deep: size * (1 + key.deep + value.deep) };
    }
    return unknown;
  };
  let costliest: CostEstimate['loop'];
  let costliestSteps = -1;
  /** The element bounds each enclosing `map`/`filter` collects (its `accuPush` nodes). */
  const pushes: Bound[][] = [];

  const visit = (node: CelNode, scope: Scope): Visit => {
    const alternate = node.meta.alternate;
    if (alternate) return add(visit(alternate, scope), 1);
    const op = node.op;
    if (op === 'value') return leaf(literal(node.args));
    if (op === 'id') return leaf(scope.get(String(node.args)) ?? typed(node.checkedType));
    if (op === 'accuValue' || op === 'accuInc') return leaf(SCALAR);
    if (op === 'comprehension') return comprehension(node, scope);
    if (op === 'accuPush') {
      const pushed = visit(node.args as CelNode, scope);
      pushes.at(-1)?.push(pushed.bound);
      return { ...add(pushed, 1), bound: SCALAR };
    }
    const bind = bindMacro(node);
    if (bind) {
      const value = visit(bind.val, scope);
      const body = visit(bind.exp, new Map(scope).set(bind.var, value.bound));
      return { ...gather([value, body], 1), bound: body.bound };
    }
    if ((op === 'call' || op === 'rcall') && !node.meta.macro) return call(node, scope);
    const children = childrenOf(node).map((child) => visit(child, scope));
    const all = gather(children, 1);
    if (op === 'list') return { ...all, bound: collection(children.map((one) => one.bound)) };
    if (op === 'map') {
      const bounds = children.map((one) => one.bound);
      if (bounds.length === 0) return { ...all, bound: SCALAR }; // `{}`: as empty as `[]`
      const deep = bounds.reduce((sum, one) => sum + one.deep, 0) + bounds.length / 2;
      return { ...all, bound: { size: bounds.length / 2, deep, item: joinAll(bounds) } };
    }
    if (op === '?:') return { ...all, bound: join(children[1]!.bound, children[2]!.bound) };
    if (op === '.' || op === '.?' || op === '[]' || op === '[?]') {
      const owner = children[0]!.bound;
      const item = owner === unknown ? undefined : owner.item;
      return { ...all, bound: item ?? typed(node.checkedType) };
    }
    if (SIZED_OPS.has(op)) {
      const [left, right] = children.map((one) => one.bound) as [Bound, Bound];
      const charged = add(all, left.deep + right.deep);
      if (op !== '+' || isScalar(node.checkedType))
        return { ...charged, bound: typed(node.checkedType) };
      const item =
        left.item && right.item ? join(left.item, right.item) : (left.item ?? right.item);
      const sum = { size: left.size + right.size, deep: left.deep + right.deep };
      return { ...charged, bound: item ? { ...sum, item } : sum };
    }
    return { ...all, bound: typed(node.checkedType) };
  };

  const comprehension = (node: CelNode, scope: Scope): Visit => {
    const args = node.args as ComprehensionArgs;
    const iterable = visit(args.iterable, scope);
    const init = visit(args.init, scope);
    const rounds = iterable.bound.size;
    pushes.push([]);
    const element = iterable.bound.item ?? unknown;
    const step = visit(args.step, new Map(scope).set(args.iterVarName, element));
    const pushed = pushes.pop() ?? [];
    const steps = 1 + iterable.steps + init.steps + rounds * (1 + step.steps);
    const nesting = Math.max(1 + step.nesting, iterable.nesting, init.nesting);
    const largest = Math.max(rounds, iterable.largest, step.largest);
    if (steps > costliestSteps) {
      costliestSteps = steps;
      costliest = { nesting, largest, start: node.start ?? 0, end: node.end ?? 0 };
    }
    const bound =
      args.kind === 'quantifier' || isScalar(node.checkedType)
        ? SCALAR
        : list(rounds, pushed.length > 0 ? joinAll(pushed) : unknown);
    return { steps, bound, nesting, largest };
  };

  const call = (node: CelNode, scope: Scope): Visit => {
    const [name, first, rest] = node.args as [string, unknown, unknown];
    const inputs = (node.op === 'call' ? first : [first, ...(rest as unknown[])]) as CelNode[];
    const visits = inputs.map((input) => visit(input, scope));
    const bounds = visits.map((one) => one.bound);
    const result = isScalar(node.checkedType)
      ? SCALAR
      : (resultOf(name, bounds) ?? typed(node.checkedType));
    const charged = freeOnCollections(name) ? bounds.filter((one) => !isCollection(one)) : bounds;
    const charge = charged.reduce((sum, one) => sum + one.deep, 0);
    return { ...gather(visits, 1 + charge + result.deep), bound: result };
  };

  const root = visit(ast, new Map());
  return costliest ? { steps: root.steps, loop: costliest } : { steps: root.steps };
}

/** Bounds of what the built-in functions that make texts and lists return. */
function resultOf(name: string, inputs: readonly Bound[]): Bound | undefined {
  const [first = SCALAR, second = SCALAR] = inputs;
  switch (name) {
    case 'dyn':
      return first;
    case 'string':
      return text(Math.max(chars(first), SCALAR_TEXT));
    case 'lowerAscii':
    case 'upperAscii':
      return text(3 * chars(first)); // a few characters change case into three
    case 'trim':
    case 'substring':
      return text(chars(first));
    case 'bytes':
      return text(3 * first.size);
    case 'hex':
    case 'base64':
      return text(2 * first.size + 4);
    case 'split': {
      const length = chars(first);
      // k pieces of at most `length` characters in all measure at most 2k + length / CHARS_PER_STEP
      return {
        size: length + 1,
        item: text(length),
        deep: 2 * (length + 1) + Math.ceil(length / CHARS_PER_STEP),
      };
    }
    case 'join': {
      const pieces = first.size;
      return text(pieces * (chars(first.item ?? SCALAR) + chars(second)));
    }
    case 'json':
      return selfSimilar(first.size, 3 * first.size);
    default:
      return undefined;
  }
}

/** A text's characters: its size, and no more than its measure allows (unknown values). */
function chars(bound: Bound): number {
  return Math.min(bound.size, bound.deep * CHARS_PER_STEP);
}

/** Whether a bound is surely a list or map (a value of unknown type may be a text). */
const isCollection = (bound: Bound): boolean => bound.item !== undefined && bound.item !== bound;

function literal(value: unknown): Bound {
  if (typeof value === 'string') return text(value.length);
  if (value instanceof Uint8Array) return text(value.length);
  return SCALAR;
}

function collection(items: readonly Bound[]): Bound {
  if (items.length === 0) return SCALAR;
  const deep = items.reduce((sum, one) => sum + 1 + one.deep, 0);
  return { size: items.length, deep, item: joinAll(items) };
}

const leaf = (bound: Bound): Visit => ({ steps: 1, bound, nesting: 0, largest: 0 });

const add = <T extends { readonly steps: number }>(visit: T, steps: number): T => ({
  ...visit,
  steps: visit.steps + steps,
});

function gather(visits: readonly Visit[], own: number): Omit<Visit, 'bound'> {
  let steps = own;
  let nesting = 0;
  let largest = 0;
  for (const one of visits) {
    steps += one.steps;
    nesting = Math.max(nesting, one.nesting);
    largest = Math.max(largest, one.largest);
  }
  return { steps, nesting, largest };
}

function joinAll(bounds: readonly Bound[]): Bound {
  return bounds.reduce(join);
}

/** A bound of either value: the larger of each part. */
function join(a: Bound, b: Bound): Bound {
  if (a === b) return a;
  if (a.item === a || b.item === b) {
    return selfSimilar(Math.max(widest(a), widest(b)), Math.max(a.deep, b.deep));
  }
  const size = Math.max(a.size, b.size);
  const deep = Math.max(a.deep, b.deep);
  const item = a.item && b.item ? join(a.item, b.item) : (a.item ?? b.item);
  return item ? { size, deep, item } : { size, deep };
}

/** The largest size at any depth of a bound. */
function widest(bound: Bound): number {
  let size = bound.size;
  for (let at = bound.item; at; at = at.item === at ? undefined : at.item) {
    size = Math.max(size, at.size);
  }
  return size;
}
