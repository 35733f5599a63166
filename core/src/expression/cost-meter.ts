import {
  type CelNode,
  type ComprehensionArgs,
  childrenOf,
  freeOnCollections,
  isNode,
  isScalar,
  iterationsOf,
  measure,
  SIZED_OPS,
} from './cost-model.ts';

/** Thrown inside cel-js when an evaluation has spent its budget; the wrapper reports it. */
class BudgetSpent extends Error {
  constructor() {
    super('the expression has spent its budget of steps');
  }
}

/**
 * Counts the steps of one compiled expression's evaluations against a budget. cel-js has no
 * step hook, so `meter` wraps the implementations type-checking left on the AST (`handle`):
 * a comprehension pays for all its iterations before the first one runs (so a loop over a huge
 * list stops at once), and operators and functions pay for the texts and lists they are given.
 *
 * Some errors are swallowed by cel-js (`exists`, `all`, `||`, `&&` try their other operands):
 * once over budget every further charge throws again, and {@link CostMeter.run} checks the
 * count at the end, so an evaluation over budget never returns a value.
 */
export class CostMeter {
  #spent = 0;
  constructor(readonly budget: number) {}

  /**
   * Runs one evaluation from zero (a nested evaluation keeps its own count). Over budget, it
   * throws the meter's error (see {@link isBudgetSpent}) whatever cel-js returned or threw.
   */
  run<C, T>(evaluate: (context: C) => T, context: C): T {
    const outer = this.#spent;
    this.#spent = 0;
    try {
      const result = evaluate(context);
      if (this.#spent > this.budget) throw new BudgetSpent();
      return result;
    } catch (error) {
      throw this.#spent > this.budget && !isBudgetSpent(error) ? new BudgetSpent() : error;
    } finally {
      this.#spent = outer;
    }
  }

  charge(steps: number): void {
    this.#spent += steps;
    if (this.#spent > this.budget) throw new BudgetSpent();
  }

  /** Charges the measure of a value, measuring no further than the budget left. */
  chargeFor(value: unknown): void {
    this.charge(measure(value, Math.max(0, this.budget - this.#spent)));
  }

  /**
   * Wraps the checked AST so its evaluations are charged to this meter, and tells whether
   * anything was (an expression over numbers only needs no meter). Everywhere, not only inside
   * comprehensions: `cel.bind` can double a text at each step without any loop.
   */
  meter(ast: unknown): boolean {
    if (!isNode(ast)) return false;
    let metered = false;
    const seen = new Set<CelNode>();
    const visit = (node: CelNode): void => {
      if (seen.has(node)) return;
      seen.add(node);
      for (const child of childrenOf(node)) visit(child);
      if (node.meta.alternate || node.meta.macro || typeof node.handle !== 'function') return;
      if (node.op === 'comprehension') metered = this.#loop(node) || metered;
      else if (SIZED_OPS.has(node.op)) metered = this.#operator(node) || metered;
      else if (node.op === 'call' || node.op === 'rcall') metered = this.#call(node) || metered;
    };
    visit(ast);
    return metered;
  }

  #loop(node: CelNode): boolean {
    const perRound = 1 + weight((node.args as ComprehensionArgs).step);
    const run = node.handle!;
    node.handle = (items, args, ev, ctx) => {
      this.charge(iterationsOf(items) * perRound);
      return run(items, args, ev, ctx);
    };
    return true;
  }

  #operator(node: CelNode): boolean {
    const operands = node.args as readonly CelNode[];
    if (operands.every((one) => isScalar(one.checkedType))) return false;
    const run = node.handle!;
    node.handle = (left, right, ast, ev) => {
      // two texts, the common case (`dept == "sales"`), without measuring: at most their measure
      if (typeof left === 'string' && typeof right === 'string') {
        this.charge((left.length + right.length) >>> 5);
      } else {
        this.chargeFor(left);
        this.chargeFor(right);
      }
      return run(left, right, ast, ev);
    };
    return true;
  }

  #call(node: CelNode): boolean {
    const [name, first, rest] = node.args as [string, unknown, unknown];
    const inputs = (node.op === 'call' ? first : [first, ...(rest as unknown[])]) as CelNode[];
    if ([node, ...inputs].every((one) => isScalar(one.checkedType))) return false;
    const textsOnly = freeOnCollections(name);
    const run = node.handle!;
    node.handle = (values, second, third) => {
      for (const value of values as readonly unknown[]) {
        if (!textsOnly || typeof value === 'string' || value instanceof Uint8Array) {
          this.chargeFor(value);
        }
      }
      const result = run(values, second, third);
      this.chargeFor(result);
      return result;
    };
    return true;
  }
}

/** Whether an error thrown out of cel-js is the meter's. */
export const isBudgetSpent = (error: unknown): boolean => error instanceof BudgetSpent;

/**
 * The nodes one run of `node` evaluates, not counting the iterations of comprehensions inside
 * it (they pay for themselves when they run).
 */
function weight(node: CelNode): number {
  if (node.op === 'comprehension' && !node.meta.alternate) {
    const { iterable, init } = node.args as ComprehensionArgs;
    return 1 + weight(iterable) + weight(init);
  }
  return childrenOf(node).reduce((sum, child) => sum + weight(child), 1);
}
