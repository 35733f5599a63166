/**
 * In-page timing of B3 and B4 (bundled into both pages, so both sides are measured by the same
 * code): after-paint waits, and a keystroke probe from `keydown` to the next paint.
 */

/** Resolves in the task after the next animation frame's callbacks, i.e. once it was painted. */
export const afterPaint = () =>
  new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));

export interface KeystrokeSample {
  /** keydown → the next frame painted (rAF, then a task after it). */
  readonly paint: number;
  /** keydown → the end of the input event's handlers and their microtasks (Lit updates). */
  readonly work: number;
}

export interface KeystrokeProbe {
  readonly samples: KeystrokeSample[];
  /** Resolves once `count` samples were taken. */
  settled(count: number): Promise<void>;
  reset(): void;
}

/**
 * Listens on the document: `keydown` (capture, first of all) starts the clock; the `input` event
 * bubbling back to the document (after the field's own handler and the microtasks it queued)
 * gives the work time; a task after the next animation frame gives the paint time.
 */
export function installKeystrokeProbe(): KeystrokeProbe {
  const samples: KeystrokeSample[] = [];
  let waiters: { count: number; done: () => void }[] = [];
  let started: number | undefined;
  const wake = () => {
    waiters = waiters.filter((one) => {
      if (samples.length < one.count) return true;
      one.done();
      return false;
    });
  };
  document.addEventListener(
    'keydown',
    () => {
      started = performance.now();
    },
    { capture: true },
  );
  document.addEventListener('input', () => {
    if (started === undefined) return;
    const start = started;
    started = undefined;
    const work = performance.now() - start;
    requestAnimationFrame(() =>
      setTimeout(() => {
        samples.push({ paint: performance.now() - start, work });
        wake();
      }, 0),
    );
  });
  return {
    samples,
    settled: (count) =>
      new Promise<void>((done) => {
        waiters.push({ count, done });
        wake();
      }),
    reset() {
      samples.length = 0;
    },
  };
}

/** Every element matching `selector` under `root`, through open shadow roots. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (element.shadowRoot) found.push(...deepQueryAll(element.shadowRoot, selector));
  }
  return found;
}

export interface MountResult {
  /** performance.now() before creating the element → the last input exists and was painted. */
  readonly ms: number;
  /** inputs, selects and textareas in the form once mounted. */
  readonly inputs: number;
  /** formily fields created. */
  readonly formilyFields: number;
  /** The floor only: the part spent in `createForm()` + `createField()`. */
  readonly formilyMs?: number;
}

export interface BenchPage {
  mount(n: number, options: import('./big-form.ts').BigFormOptions): Promise<MountResult>;
  readonly probe: KeystrokeProbe;
  /** Whether field k's label shows the required mark. */
  required(k: number): boolean;
  /** The value field k holds (Tessera: the form runtime; bare: the stored values). */
  value(k: number): unknown;
}

declare global {
  interface Window {
    bench: BenchPage;
  }
}
