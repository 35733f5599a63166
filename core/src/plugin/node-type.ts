import type { Static, TSchema } from 'typebox';
import type { Bilingual, LocalizedText } from '../i18n/localized.ts';
import type { Issue } from '../issues/issue.ts';
import type { AppDefinition } from '../model/app.ts';
import type { AssigneeRule } from '../model/assignee.ts';
import type { FlowDefinition, FlowNode } from '../model/flow.ts';
import type { TableDefinition } from '../model/table.ts';
import type { ConfigMigration } from './config-migration.ts';

/**
 * The structural role a node plays in the graph, which the flow checker relies on:
 * - `start` / `end`: where instances begin and finish;
 * - `exclusive`: takes exactly one outgoing edge (conditions plus one default);
 * - `split` / `join`: a parallel split and the join that merges its branches;
 * - `step`: anything else (tasks, notifications, automation).
 */
export type NodeShape = 'start' | 'end' | 'exclusive' | 'split' | 'join' | 'step';

export interface EdgeCount {
  readonly min: number;
  /** Use `Infinity` for "any number". */
  readonly max: number;
}

/** An expression a node's config holds, so the checker can type-check it against the record. */
export interface NodeExpression {
  /** JSON pointer relative to the node, e.g. `/config/guard/rule`. */
  readonly path: string;
  readonly source: string;
  /** Expected CEL result type, e.g. `bool`; omitted means any. */
  readonly expect?: string;
  /** Another table whose record is visible as `target` (write-back mappings and guards). */
  readonly targetTable?: string;
  /**
   * The field the result is written into — of `table`, or of the table of `flow` — so the
   * result must have that field's type (write-back and sub-flow mappings).
   */
  readonly fills?: { readonly table?: string; readonly flow?: string; readonly field: string };
  /** Variables the expression sees besides the record's, e.g. `row` and `index` of a forEach. */
  readonly variables?: readonly NodeVariable[];
}

/**
 * A variable of a node expression: of a CEL type, or (`rowOf`) typed as a row of one of the
 * flow table's fields whose config lists row fields (a sub-table), `dyn` when it has none.
 */
export interface NodeVariable {
  readonly name: string;
  readonly type: string;
  readonly rowOf?: string;
}

/** An assignee rule a node's config holds, so the checker can tell whether it resolves. */
export interface NodeAssignee {
  readonly path: string;
  readonly rule: AssigneeRule;
}

export interface NodeCheckContext {
  readonly app: AppDefinition;
  readonly flow: FlowDefinition;
  readonly table: TableDefinition;
  tableById(id: string): TableDefinition | undefined;
  flowById(id: string): FlowDefinition | undefined;
}

export interface NodeDesignerHooks {
  readonly group: 'event' | 'task' | 'gateway' | 'automation';
  readonly icon: string;
  defaultConfig(): Record<string, unknown>;
}

/**
 * A flow node type contributed by a plugin: its config schema and graph rules. Its execution
 * handler lives in the same folder and is added by the runtime's engine registry.
 */
export interface NodeTypeDefinition<Config extends TSchema = TSchema> {
  readonly type: string;
  readonly label: Bilingual;
  readonly description?: LocalizedText;
  readonly config: Config;
  readonly configVersion?: number;
  readonly migrations?: readonly ConfigMigration[];
  readonly shape: NodeShape;
  readonly incoming: EdgeCount;
  readonly outgoing: EdgeCount;
  /** True when the node makes people act (approval, countersign): it must resolve assignees. */
  readonly createsTasks?: boolean;
  assignees?(config: Static<Config>): NodeAssignee[];
  expressions?(config: Static<Config>): NodeExpression[];
  /** Further checks against the app (target table exists, sub-flow exists …). Paths relative to the node. */
  check?(node: FlowNode & { readonly config: Static<Config> }, ctx: NodeCheckContext): Issue[];
  readonly designer: NodeDesignerHooks;
}

export function defineNodeType<Config extends TSchema>(
  definition: NodeTypeDefinition<Config>,
): NodeTypeDefinition<Config> {
  return definition;
}
