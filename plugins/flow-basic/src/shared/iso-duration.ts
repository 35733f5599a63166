import { Type } from '@tessera/core';

/**
 * An ISO-8601 duration such as `P2D` or `PT4H`: the same form core's `DeadlineSchema.after`
 * accepts (core exports no duration schema of its own; a test keeps the two in step).
 */
export const IsoDuration = Type.String({
  pattern: '^P(?!$)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?)?$',
  description: 'ISO-8601 duration, e.g. P2D or PT4H',
});
