import os from 'node:os';

/** Shared helpers for the benchmark programs under test/bench (B1–B10). */

/** The median of some measurements (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A rate per second, e.g. `3.91 M/s`, `812 k/s`, `156 /s`. */
export function formatRate(perSecond: number, unit = '/s'): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M${unit}`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(0)} k${unit}`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k${unit}`;
  return `${perSecond.toFixed(perSecond >= 100 ? 0 : 1)} ${unit.trim()}`;
}

/** A duration in milliseconds, e.g. `0.28 ms`, `38 ms`, `1.20 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** A ratio, e.g. `0.93×`. */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** The machine a figure was measured on: CPU model, cores, Node version, total memory. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${cpus.length} cores, Node ${process.version}, ${memory} GB RAM, ${os.platform()} ${os.release()}`;
}

/** The 1/5/15-minute load averages: figures taken on a busy machine are lower and noisier. */
export function loadLine(): string {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return `${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} (1/5/15 min average)`;
}

/** `PASS` or `MISS` for a target, with the figure and the target, e.g. `PASS 0.93× (target ≥ 0.8×)`. */
export function verdict(
  label: string,
  actual: number,
  target: number,
  format = formatRatio,
): string {
  const status = actual >= target ? 'PASS' : 'MISS';
  return `${status}  ${label}: ${format(actual)} (target ≥ ${format(target)})`;
}

/** Prints rows as an aligned plain-text table; the first row is the header. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  rows.forEach((row, r) => {
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
    if (r === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

/** A heading for a benchmark's output, with the machine line and the date. */
export function printHeader(title: string): void {
  console.log(`\n=== ${title} ===`);
  console.log(`machine: ${machineLine()}`);
  console.log(`date:    ${new Date().toISOString().slice(0, 10)}`);
  console.log(`load:    ${loadLine()}`);
}

/** `PASS` or `MISS` for a ceiling, e.g. `PASS  p95: 12 ms (target ≤ 16.7 ms)`. */
export function verdictAtMost(
  label: string,
  actual: number,
  target: number,
  format = formatRatio,
): string {
  const status = actual <= target ? 'PASS' : 'MISS';
  return `${status}  ${label}: ${format(actual)} (target ≤ ${format(target)})`;
}
