/** Caps on what one expression may be; defaults suit linkage rules and branch conditions. */
export interface ExpressionLimits {
  /** Characters of source. */
  readonly maxLength: number;
  readonly maxAstNodes: number;
  readonly maxDepth: number;
  readonly maxListElements: number;
  readonly maxMapEntries: number;
  readonly maxCallArguments: number;
  /** Characters of a string result, or elements of a list result. */
  readonly maxResultSize: number;
  /**
   * Steps one evaluation may take (cost-model.ts): the check refuses an expression whose
   * estimate exceeds it, and evaluation stops when its count does. ~5 ms of work here.
   */
  readonly maxCost: number;
  /** Elements the check assumes a list or map from the input has (a sub-table's rows). */
  readonly assumedListSize: number;
  /** Characters the check assumes a text from the input has. */
  readonly assumedTextLength: number;
}

export const DEFAULT_LIMITS: ExpressionLimits = {
  maxLength: 4000,
  maxAstNodes: 2000,
  maxDepth: 40,
  maxListElements: 1000,
  maxMapEntries: 1000,
  maxCallArguments: 16,
  maxResultSize: 1_000_000,
  maxCost: 100_000,
  assumedListSize: 1000,
  assumedTextLength: 200,
};
