/**
 * Runs one autocannon load in its own process (B1/B2 start it under `taskset -c 1`, away from
 * the server's core) and prints one JSON line with the figures. On stdin: a JSON object with
 * `url`, `method`, `headers`, `body`, `connections`, and `amount` (requests) or `duration` (s);
 * optional `paths`: request paths taken in turn (e.g. different record ids).
 */
import { createRequire } from 'node:module';

interface AutocannonResult {
  latency: { p50: number; p99: number; mean: number };
  requests: { total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const { paths, ...options } = JSON.parse(await readStdin()) as Record<string, unknown> & {
  paths?: string[];
};
let next = 0;
const requests =
  paths === undefined
    ? undefined
    : [
        {
          setupRequest: (request: Record<string, unknown>) => ({
            ...request,
            path: paths[next++ % paths.length],
          }),
        },
      ];
const started = performance.now();
const result = await autocannon({ ...options, ...(requests ? { requests } : {}), timeout: 30 });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    reqPerSec: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
  }),
);
