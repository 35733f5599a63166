/** A background job run again and again: `start` runs it now, then `intervalMs` after each run ends. */
export interface RepeatingJob {
  start(): void;
  /** Stops the repeats and waits for a run under way to end. */
  stop(): Promise<void>;
}

/**
 * Runs `run` at once and then `intervalMs` after each run ends (never two at a time); a run's
 * failure goes to `onError` and the next run comes as usual. The timers do not keep the
 * process alive.
 */
export function repeatingJob(
  run: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): RepeatingJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    start() {
      if (timer) return;
      const tick = () => {
        running = run()
          .catch(onError)
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs).unref();
          });
      };
      timer = setTimeout(tick, 0).unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
