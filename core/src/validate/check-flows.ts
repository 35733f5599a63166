import { checkFlowGraph } from '../flow/check-graph.ts';
import { type Issue, issue, pointer, prefixIssues } from '../issues/issue.ts';
import type { FlowDefinition } from '../model/flow.ts';
import type { NodeExpression, NodeTypeDefinition } from '../plugin/node-type.ts';
import { type AppContext, celTypeOf } from './app-context.ts';
import { checkAssignee } from './check-assignees.ts';
import { checkPluginConfig } from './plugin-config.ts';
import { uniqueIds } from './unique-ids.ts';

export interface NodeTypes {
  get(type: string): NodeTypeDefinition | undefined;
  ids(): string[];
}

export function checkFlows(ctx: AppContext, nodeTypes: NodeTypes): Issue[] {
  const flows = ctx.app.flows ?? [];
  const issues = uniqueIds(flows, '/flows', 'flow');
  flows.forEach((flow, index) => {
    issues.push(...checkFlow(ctx, flow, `/flows/${index}`, nodeTypes));
  });
  return issues;
}

/** Every check of one flow: references, node configs, expressions, assignees and the graph. */
export function checkFlow(
  ctx: AppContext,
  flow: FlowDefinition,
  base: string,
  nodeTypes: NodeTypes,
): Issue[] {
  const table = ctx.table(flow.table);
  if (!table) {
    return [
      issue(`${base}/table`, 'flow.unknownTable', {
        en: `flow "${flow.id}" runs on table "${flow.table}", which does not exist`,
        'zh-CN': `流程“${flow.id}”所用的表“${flow.table}”不存在`,
      }),
    ];
  }
  const issues: Issue[] = [];
  if (table.kind !== 'flow') {
    issues.push(
      issue(`${base}/table`, 'flow.masterTable', {
        en: `table "${table.id}" is a master table (底表); a flow needs a flow table`,
        'zh-CN': `表“${table.id}”是底表，流程需要使用流程表`,
      }),
    );
  }
  const form = (ctx.app.forms ?? []).find((one) => one.id === flow.form);
  if (!form) {
    issues.push(
      issue(`${base}/form`, 'flow.unknownForm', {
        en: `flow "${flow.id}" shows form "${flow.form}", which does not exist`,
        'zh-CN': `流程“${flow.id}”所用的表单“${flow.form}”不存在`,
      }),
    );
  } else if (form.table !== flow.table) {
    issues.push(
      issue(`${base}/form`, 'flow.formTable', {
        en: `form "${form.id}" is over table "${form.table}", but flow "${flow.id}" runs on table "${flow.table}"`,
        'zh-CN': `表单“${form.id}”属于表“${form.table}”，但流程“${flow.id}”使用的是表“${flow.table}”`,
      }),
    );
  }
  const nodeCheck = {
    app: ctx.app,
    flow,
    table,
    tableById: ctx.table,
    flowById: ctx.flow,
  };
  flow.nodes.forEach((node, index) => {
    const path = pointer(base, 'nodes', index);
    const type = nodeTypes.get(node.type);
    if (!type) {
      issues.push(
        issue(`${path}/type`, 'node.unknownType', {
          en: `unknown node type "${node.type}"; no installed plugin provides it (known types: ${nodeTypes.ids().join(', ')})`,
          'zh-CN': `未知的节点类型“${node.type}”，没有已安装的插件提供它（已知类型：${nodeTypes.ids().join('、')}）`,
        }),
      );
      return;
    }
    const config = checkPluginConfig(type, node, path, `node "${node.id}"`);
    if (!config.ok) {
      issues.push(...config.issues);
      return;
    }
    const typed = { ...node, config: config.config } as never;
    if (type.check) issues.push(...prefixIssues(path, type.check(typed, nodeCheck)));
    for (const found of type.assignees?.(config.config as never) ?? []) {
      issues.push(...checkAssignee(ctx, found.rule, path + found.path, table));
    }
    for (const expression of type.expressions?.(config.config as never) ?? []) {
      const target =
        expression.targetTable === undefined ? undefined : ctx.table(expression.targetTable);
      if (expression.targetTable !== undefined && !target) continue; // the node's own check names the table
      issues.push(
        ...ctx.checkExpression(
          expression.source,
          path + expression.path,
          table,
          expression.expect ?? filledType(ctx, expression.fills),
          target,
          expression.variables,
        ),
      );
    }
  });
  flow.edges.forEach((edge, index) => {
    if (edge.condition !== undefined) {
      issues.push(
        ...ctx.checkExpression(
          edge.condition,
          pointer(base, 'edges', index, 'condition'),
          table,
          'bool',
        ),
      );
    }
  });
  issues.push(...checkFlowGraph(flow, base, (type) => nodeTypes.get(type)));
  return issues;
}

/** The CEL type of the field an expression's result fills, when the field can be found. */
function filledType(ctx: AppContext, fills: NodeExpression['fills']): string | undefined {
  if (!fills) return undefined;
  const tableId =
    fills.table ?? (fills.flow === undefined ? undefined : ctx.flow(fills.flow)?.table);
  const table = tableId === undefined ? undefined : ctx.table(tableId);
  const field = table?.fields.find((one) => one.id === fills.field);
  return table && field ? celTypeOf(ctx, table, field) : undefined;
}
