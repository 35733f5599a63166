import { type FieldContext, type Issue, issue, pointer, type TableDefinition } from '@tessera/core';

export interface LinkSettings {
  readonly table: string;
  readonly displayField?: string | undefined;
  readonly pull?: readonly { readonly from: string; readonly to: string }[] | undefined;
  readonly multiple?: boolean | undefined;
}

const fieldOf = (table: TableDefinition, id: string) => table.fields.find((one) => one.id === id);

/** The linked table exists, its display field exists, each pull copies between compatible fields. */
export function checkLink(fieldId: string, config: LinkSettings, ctx: FieldContext): Issue[] {
  const target = ctx.tableById(config.table);
  if (!target) {
    return [
      issue('/config/table', 'link.table', {
        en: `table "${config.table}" does not exist in this app`,
        'zh-CN': `表 "${config.table}" 在本应用中不存在`,
      }),
    ];
  }
  const found: Issue[] = [];
  if (config.displayField !== undefined && !fieldOf(target, config.displayField)) {
    found.push(
      issue('/config/displayField', 'link.display-field', {
        en: `table "${target.id}" has no field "${config.displayField}"`,
        'zh-CN': `表 "${target.id}" 没有字段 "${config.displayField}"`,
      }),
    );
  }
  if (config.pull && config.multiple) {
    found.push(
      issue('/config/pull', 'link.pull-multiple', {
        en: 'fields cannot be pulled from several linked records at once; turn off "multiple" or remove "pull"',
        'zh-CN': '关联多条记录时不能带出字段；请关闭“多选”或删除“带出字段”',
      }),
    );
  }
  const targets = new Set<string>();
  for (const [index, pull] of (config.pull ?? []).entries()) {
    found.push(...checkPull(pull, pointer('/config/pull', index), target, fieldId, ctx, targets));
  }
  return found;
}

function checkPull(
  pull: { readonly from: string; readonly to: string },
  path: string,
  target: TableDefinition,
  fieldId: string,
  ctx: FieldContext,
  targets: Set<string>,
): Issue[] {
  const from = fieldOf(target, pull.from);
  const to = fieldOf(ctx.table, pull.to);
  const found: Issue[] = [];
  if (!from) {
    found.push(
      issue(`${path}/from`, 'link.pull-from', {
        en: `table "${target.id}" has no field "${pull.from}" to pull from`,
        'zh-CN': `表 "${target.id}" 没有可带出的字段 "${pull.from}"`,
      }),
    );
  }
  if (!to || pull.to === fieldId) {
    found.push(
      issue(`${path}/to`, 'link.pull-to', {
        en: `table "${ctx.table.id}" has no field "${pull.to}" to pull into`,
        'zh-CN': `表 "${ctx.table.id}" 没有可接收带出值的字段 "${pull.to}"`,
      }),
    );
  } else if (targets.has(pull.to)) {
    found.push(
      issue(`${path}/to`, 'link.pull-duplicate', {
        en: `field "${pull.to}" is pulled into more than once`,
        'zh-CN': `字段 "${pull.to}" 被多次带出赋值`,
      }),
    );
  }
  if (to) targets.add(pull.to);
  if (from && to && pull.to !== fieldId) {
    const fromType = ctx.celTypeOf(target, from);
    const toType = ctx.celTypeOf(ctx.table, to);
    if (fromType !== toType) {
      found.push(
        issue(path, 'link.pull-type', {
          en: `"${pull.from}" holds ${fromType} but "${pull.to}" holds ${toType}`,
          'zh-CN': `"${pull.from}" 的类型为 ${fromType}，而 "${pull.to}" 的类型为 ${toType}`,
        }),
      );
    }
  }
  return found;
}
