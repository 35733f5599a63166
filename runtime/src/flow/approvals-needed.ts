import type { Bilingual } from '@tessera/core';

/**
 * How a node that several people vote on states what it needs: "at least N of M approve" /
 * "至少 N / M 人同意", with both numbers resolved for the people it reached. One wording for
 * the node types, the timeline and the diagram.
 */
export const approvalsNeededText = (atLeast: number, of: number): Bilingual => ({
  en: `at least ${atLeast} of ${of} approve`,
  'zh-CN': `至少 ${atLeast} / ${of} 人同意`,
});
