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
}

export const DEFAULT_LIMITS: ExpressionLimits = {
  maxLength: 4000,
  maxAstNodes: 2000,
  maxDepth: 40,
  maxListElements: 1000,
  maxMapEntries: 1000,
  maxCallArguments: 16,
  maxResultSize: 1_000_000,
};
