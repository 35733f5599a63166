import type { Bilingual } from '@tessera/core';
import type { FlowCommand } from './commands.ts';
import { applyCommand, createInstance, type FlowResult } from './engine.ts';
import { FlowError } from './flow-error.ts';
import type { FlowInstance, FlowOutcome, TimelineEntry } from './instance.ts';
import type { Organisation } from './organisation.ts';
import type { PreparedFlow } from './prepare-flow.ts';

export interface SimulationInput {
  readonly flow: PreparedFlow;
  /** Sample record values. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly initiator: string;
  readonly organisation: Organisation;
  readonly now?: string;
  /** What the simulated approvers of a node do; everyone approves by default. */
  readonly decisions?: Readonly<Record<string, 'approve' | 'reject'>>;
  /** Commands at most, so a flow that returns forever still stops. */
  readonly maxSteps?: number;
}

export interface SimulatedStep {
  readonly node?: string;
  readonly type?: string;
  readonly action: string;
  readonly actor: string;
  readonly users?: readonly string[];
  readonly to?: string;
  readonly outcome?: string;
}

/** Something that would fail when the item really runs, at a node's config (`/nodes/<id>/…`). */
export interface SimulationFinding {
  readonly code: string;
  readonly message: Bilingual;
  readonly field: string;
}

export interface SimulationResult {
  /**
   * False when the flow could not go on (nobody to assign, a failing expression …) or when
   * an effect it owes would fail (a finding).
   */
  readonly ok: boolean;
  readonly outcome?: FlowOutcome;
  readonly path: readonly SimulatedStep[];
  /** The people each task node went to. */
  readonly assignees: Readonly<Record<string, readonly string[]>>;
  /**
   * The write-backs the run would owe, in order, with their node's config, the effect id
   * (what the records a create makes are named after) and the values they are evaluated over.
   */
  readonly writeBacks: readonly {
    readonly node: string;
    readonly effect: string;
    readonly config: Readonly<Record<string, unknown>>;
    readonly values: Readonly<Record<string, unknown>>;
  }[];
  readonly subflows: readonly { readonly node: string; readonly flow: string }[];
  readonly problem?: {
    readonly code: string;
    readonly message: Bilingual;
    readonly field?: string;
  };
  /** What the owed effects would run into, found by whoever tries them (the server). */
  readonly findings: readonly SimulationFinding[];
}

/** The next command that moves a simulated instance on, or undefined when nothing can. */
function nextCommand(
  input: SimulationInput,
  instance: FlowInstance,
  step: number,
): FlowCommand | undefined {
  const key = `sim-${step}`;
  const task = instance.tasks.find((one) => one.status === 'open' && one.kind !== 'cc');
  if (task?.kind === 'draft') return { type: 'submit', actor: task.assignee, key };
  if (task) {
    const type = input.decisions?.[task.node] ?? 'approve';
    return { type, actor: task.assignee, task: task.id, key };
  }
  const token = instance.tokens.find(
    (one) => one.wait?.kind === 'timer' || one.wait?.kind === 'subflow',
  );
  if (token?.wait?.kind === 'timer') return { type: 'wake', actor: 'system', token: token.id, key };
  if (token)
    return {
      type: 'subflowEnded',
      actor: 'system',
      token: token.id,
      child: 'simulated',
      outcome: 'approved',
      key,
    };
  return undefined;
}

const asStep = (flow: PreparedFlow, entry: TimelineEntry): SimulatedStep => ({
  action: entry.action,
  actor: entry.actor,
  ...(entry.node ? { node: entry.node, type: flow.node(entry.node).type } : {}),
  ...(entry.users ? { users: entry.users } : {}),
  ...(entry.to ? { to: entry.to } : {}),
  ...(entry.outcome ? { outcome: entry.outcome } : {}),
});

/**
 * 仿真: runs the flow on sample data with the real engine and nothing stored or sent —
 * every approver approves (or does what `decisions` says), timers fire at once, sub-flows
 * end approved, and where someone must be picked (选人) the first candidate is.
 */
export function simulate(input: SimulationInput): SimulationResult {
  const { flow } = input;
  const now = input.now ?? new Date().toISOString();
  const context = { now, values: input.values, organisation: input.organisation };
  const choose: Record<string, string[]> = {};
  let problem: SimulationResult['problem'];
  let result: FlowResult = createInstance(
    flow,
    { id: 'simulation', version: 0, record: 'sample', initiator: input.initiator },
    context,
  );
  const owed = [...result.instance.owed];
  for (let step = 0; step < (input.maxSteps ?? 200) && !problem; step += 1) {
    const command = nextCommand(input, result.instance, step);
    if (!command) break;
    try {
      const withChoice =
        'task' in command || command.type === 'submit' ? { ...command, choose } : command;
      result = applyCommand(flow, result.instance, withChoice, context);
      owed.push(...result.instance.owed.filter((one) => !owed.some((seen) => seen.id === one.id)));
    } catch (error) {
      if (!(error instanceof FlowError)) throw error;
      const picking = error.code === 'assignee.choose' && error.field?.startsWith('/choose/');
      const node = picking ? error.field!.slice('/choose/'.length) : undefined;
      const candidates = error.detail?.candidates as readonly string[] | undefined;
      if (node && candidates?.[0] && !choose[node]) {
        choose[node] = [candidates[0]];
        step -= 1;
        continue;
      }
      problem = {
        code: error.code,
        message: error.text,
        ...(error.field ? { field: error.field } : {}),
      };
    }
  }
  const instance = result.instance;
  const assignees: Record<string, string[]> = {};
  for (const entry of instance.timeline) {
    if (entry.action === 'entered' && entry.node && entry.users)
      assignees[entry.node] = [...entry.users];
  }
  const configOf = (node: string) => (flow.node(node).config ?? {}) as Record<string, unknown>;
  const ended = instance.status !== 'running' && instance.status !== 'draft';
  return {
    ok: !problem && ended,
    ...(instance.outcome ? { outcome: instance.outcome } : {}),
    path: instance.timeline.map((entry) => asStep(flow, entry)),
    assignees,
    writeBacks: owed
      .filter((one) => one.type === 'writeBack')
      .map((one) => ({
        node: one.node,
        effect: one.id,
        config: configOf(one.node),
        values: one.values,
      })),
    subflows: owed
      .filter((one) => one.type === 'startSubflow')
      .map((one) => ({ node: one.node, flow: String(configOf(one.node).flow) })),
    findings: [],
    ...(problem
      ? { problem }
      : ended
        ? {}
        : {
            problem: {
              code: 'flow.stuck',
              message: {
                en: 'the simulation stopped before the flow ended',
                'zh-CN': '仿真在流程结束前停止',
              },
            },
          }),
  };
}

/**
 * The result with what trying its effects found: not ok once anything was found, and the
 * first finding is the problem unless the run already had one.
 */
export function withFindings(
  result: SimulationResult,
  findings: readonly SimulationFinding[],
): SimulationResult {
  if (findings.length === 0) return result;
  const [first] = findings;
  return {
    ...result,
    ok: false,
    findings: [...result.findings, ...findings],
    problem: result.problem ?? first!,
  };
}
