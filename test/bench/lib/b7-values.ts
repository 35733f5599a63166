/** B7: the values of submission `i` of a round, the same on both sides (one unique `ref`). */
export function valuesOf(round: number, i: number): Record<string, unknown> {
  return {
    ref: `b7-${round}-${i}`,
    title: `Site inspection ${i} of round ${round}`,
    qty: (i % 97) + 1,
    amount: `${(i % 1000) + 1}.${String(i % 100).padStart(2, '0')}`,
    day: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
  };
}
