import { type Issue, issue, pointer } from '../issues/issue.ts';
import type { FormDefinition } from '../model/form.ts';
import type { TableDefinition } from '../model/table.ts';
import { type AppContext, celTypeOf } from './app-context.ts';
import { uniqueIds } from './unique-ids.ts';

export function checkForms(ctx: AppContext): Issue[] {
  const forms = ctx.app.forms ?? [];
  const issues = uniqueIds(forms, '/forms', 'form');
  forms.forEach((form, index) => {
    issues.push(...checkForm(ctx, form, `/forms/${index}`));
  });
  return issues;
}

function checkForm(ctx: AppContext, form: FormDefinition, base: string): Issue[] {
  const table = ctx.table(form.table);
  if (!table) {
    return [
      issue(`${base}/table`, 'form.unknownTable', {
        en: `form "${form.id}" is over table "${form.table}", which does not exist`,
        'zh-CN': `表单“${form.id}”所用的表“${form.table}”不存在`,
      }),
    ];
  }
  const issues = uniqueIds(form.sections, `${base}/sections`, 'section');
  const placed = new Set<string>();
  form.sections.forEach((section, sectionIndex) => {
    section.items.forEach((item, itemIndex) => {
      if (!('field' in item)) return;
      const path = pointer(base, 'sections', sectionIndex, 'items', itemIndex, 'field');
      if (!table.fields.some((field) => field.id === item.field)) {
        issues.push(unknownField(path, item.field, table));
      } else if (placed.has(item.field)) {
        issues.push(
          issue(path, 'form.fieldTwice', {
            en: `field "${item.field}" is placed twice in form "${form.id}"`,
            'zh-CN': `字段“${item.field}”在表单“${form.id}”中出现了两次`,
          }),
        );
      }
      placed.add(item.field);
    });
  });
  const nodeIds = flowNodesOf(ctx, form.id);
  for (const [nodeId, rights] of Object.entries(form.rights ?? {})) {
    const path = pointer(base, 'rights', nodeId);
    if (!nodeIds.has(nodeId)) {
      issues.push(
        issue(path, 'form.unknownNode', {
          en: `field rights are set for node "${nodeId}", but no flow using form "${form.id}" has that node`,
          'zh-CN': `为节点“${nodeId}”设置了字段权限，但使用表单“${form.id}”的流程中没有该节点`,
        }),
      );
    }
    for (const fieldPath of Object.keys(rights.fields ?? {})) {
      if (!resolveFieldPath(table, fieldPath)) {
        issues.push(unknownField(pointer(path, 'fields', fieldPath), fieldPath, table));
      }
    }
  }
  issues.push(...uniqueIds(form.rules ?? [], `${base}/rules`, 'rule'));
  (form.rules ?? []).forEach((rule, index) => {
    const path = pointer(base, 'rules', index);
    const target = resolveFieldPath(table, rule.field);
    if (!target) {
      issues.push(unknownField(`${path}/field`, rule.field, table));
      return;
    }
    for (const key of ['visible', 'required', 'readOnly'] as const) {
      const source = rule[key];
      if (source !== undefined)
        issues.push(...ctx.checkExpression(source, `${path}/${key}`, table, 'bool'));
    }
    if (rule.value !== undefined) {
      const field = table.fields.find((one) => one.id === rule.field);
      const expect = field ? celTypeOf(ctx, table, field) : undefined;
      issues.push(...ctx.checkExpression(rule.value, `${path}/value`, table, expect));
    }
  });
  return issues;
}

/** The ids of nodes of every flow that shows this form. */
function flowNodesOf(ctx: AppContext, formId: string): Set<string> {
  const ids = new Set<string>();
  for (const flow of ctx.app.flows ?? []) {
    if (flow.form === formId) for (const node of flow.nodes) ids.add(node.id);
  }
  return ids;
}

/** Resolves `field` or `subTable.column` (a column of a sub-table field's config). */
export function resolveFieldPath(table: TableDefinition, path: string): boolean {
  const [head, column] = path.split('.');
  const field = table.fields.find((one) => one.id === head);
  if (!field) return false;
  if (column === undefined) return true;
  const columns = (field.config as { fields?: { id?: unknown }[] } | undefined)?.fields;
  return Array.isArray(columns) && columns.some((one) => one?.id === column);
}

export function unknownField(path: string, field: string, table: TableDefinition): Issue {
  return issue(path, 'field.unknown', {
    en: `"${field}" is not a field of table "${table.id}"`,
    'zh-CN': `“${field}”不是表“${table.id}”的字段`,
  });
}
