import type { LocalizedText } from '../i18n/localized.ts';

/**
 * A function callable from CEL expressions, e.g.
 * `defineFunction({ signature: 'daysBetween(timestamp, timestamp): int', handler })`.
 * Handlers receive and return CEL values (BigInt for int, decimal for money, Date for timestamp)
 * and must be pure: no I/O, no clock unless the signature says so.
 */
export interface FunctionDefinition {
  /** CEL overload signature: `name(type, …): type` or `type.name(type, …): type` for a method. */
  readonly signature: string;
  readonly handler: (...args: never[]) => unknown;
  readonly description?: LocalizedText;
}

export function defineFunction(definition: FunctionDefinition): FunctionDefinition {
  return definition;
}

/** The function name of a signature: `daysBetween` of `daysBetween(timestamp, timestamp): int`. */
export function functionName(signature: string): string {
  const head = signature.slice(0, signature.indexOf('('));
  return head.slice(head.lastIndexOf('.') + 1).trim();
}
