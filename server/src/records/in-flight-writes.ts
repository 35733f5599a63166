/**
 * The record writes this process has begun and not yet audited, by when each began: what the
 * heartbeat of `main.ts` needs to tell how far back every change of this node is logged
 * (`auditedThrough`). A write that failed after its record may have been stored is never
 * ended: it holds the mark back until the next start, whose sweep logs it.
 */
export interface InFlightWrites {
  /** A write begins now; `end()` when it is audited (or failed before storing anything). */
  begin(): { end(): void };
  /** When the oldest write still open began (ms), or undefined when none is. */
  oldest(): number | undefined;
}

export function createInFlightWrites(now: () => number): InFlightWrites {
  const open = new Map<number, number>();
  let next = 0;
  return {
    begin() {
      const id = next++;
      open.set(id, now());
      return { end: () => open.delete(id) };
    },
    oldest() {
      let oldest: number | undefined;
      for (const started of open.values()) {
        if (oldest === undefined || started < oldest) oldest = started;
      }
      return oldest;
    },
  };
}
