import type { FlowInstance, Task } from './instance.ts';

export interface DurationStats {
  /** Milliseconds; absent when nothing was measured. */
  readonly median?: number;
  readonly p90?: number;
}

export interface FlowStats {
  readonly flow: string;
  readonly count: number;
  readonly running: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** From submission to end, over the ended instances. */
  readonly duration: DurationStats;
  /** Instances with at least one overdue task. */
  readonly overdue: number;
}

export interface NodeStats {
  readonly flow: string;
  readonly node: string;
  /** Tasks handled at the node (not cancelled copies nor transfers). */
  readonly count: number;
  /** From a task's creation to its handling. */
  readonly duration: DurationStats;
  readonly overdue: number;
}

/** Nearest-rank percentile of sorted numbers. */
function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(values: number[]): DurationStats {
  const sorted = values.sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p90 = percentile(sorted, 90);
  return { ...(median === undefined ? {} : { median }), ...(p90 === undefined ? {} : { p90 }) };
}

const span = (from: string | undefined, to: string | undefined) =>
  from && to ? Date.parse(to) - Date.parse(from) : undefined;

const handled = (task: Task) =>
  task.kind === 'approve' &&
  task.actedAt !== undefined &&
  task.status !== 'cancelled' &&
  task.status !== 'transferred';

/** Per flow and per node: count, median and p90 duration, overdue count (流程分析). */
export function flowAnalytics(instances: readonly FlowInstance[]): {
  flows: FlowStats[];
  nodes: NodeStats[];
} {
  const byFlow = new Map<string, FlowInstance[]>();
  for (const instance of instances) {
    if (instance.status === 'draft' && !instance.submittedAt) continue;
    byFlow.set(instance.flow, [...(byFlow.get(instance.flow) ?? []), instance]);
  }
  const flows: FlowStats[] = [];
  const nodes: NodeStats[] = [];
  for (const [flow, list] of [...byFlow].sort(([a], [b]) => a.localeCompare(b))) {
    const outcomes: Record<string, number> = {};
    for (const instance of list)
      if (instance.outcome) outcomes[instance.outcome] = (outcomes[instance.outcome] ?? 0) + 1;
    flows.push({
      flow,
      count: list.length,
      running: list.filter((one) => one.status === 'running').length,
      outcomes,
      duration: stats(list.flatMap((one) => span(one.submittedAt, one.endedAt) ?? [])),
      overdue: list.filter((one) => one.tasks.some((task) => task.overdue)).length,
    });
    const tasksByNode = new Map<string, Task[]>();
    for (const task of list.flatMap((one) => one.tasks)) {
      if (task.kind !== 'approve') continue;
      tasksByNode.set(task.node, [...(tasksByNode.get(task.node) ?? []), task]);
    }
    for (const [node, tasks] of [...tasksByNode].sort(([a], [b]) => a.localeCompare(b))) {
      const done = tasks.filter(handled);
      nodes.push({
        flow,
        node,
        count: done.length,
        duration: stats(done.flatMap((task) => span(task.createdAt, task.actedAt) ?? [])),
        overdue: tasks.filter((task) => task.overdue).length,
      });
    }
  }
  return { flows, nodes };
}
