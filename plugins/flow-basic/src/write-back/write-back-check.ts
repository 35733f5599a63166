import { type FlowNode, type Issue, issue, type NodeCheckContext } from '@tessera/core';
import { unknownFields } from '../shared/unknown-fields.ts';
import type { WriteBackConfigValue } from './write-back-config.ts';

/**
 * The target table exists, the mapping names its fields, update/increment say which record,
 * and only a create goes over a list (forEach).
 */
export function checkWriteBack(
  node: FlowNode & { readonly config: WriteBackConfigValue },
  ctx: NodeCheckContext,
): Issue[] {
  const { config } = node;
  const found: Issue[] = [];
  if (config.mode !== 'create' && config.recordId === undefined) {
    found.push(
      issue('/config/recordId', 'write-back.record-id-required', {
        en: `a write-back that does "${config.mode}" needs recordId, the expression giving the record to change`,
        'zh-CN': `"${config.mode}" 方式的回写需要 recordId（给出要修改的记录的表达式）`,
      }),
    );
  }
  if (config.forEach !== undefined && config.mode !== 'create') {
    found.push(
      issue('/config/forEach', 'write-back.for-each-create-only', {
        en: `forEach makes one record per item, so it needs mode "create", not "${config.mode}"`,
        'zh-CN': `forEach 为每一项新建一条记录，只能用于 "create" 方式，不能用于 "${config.mode}"`,
      }),
    );
  }
  const target = ctx.tableById(config.target);
  if (!target) {
    found.push(
      issue('/config/target', 'write-back.unknown-table', {
        en: `write-back target table "${config.target}" does not exist`,
        'zh-CN': `回写目标表 "${config.target}" 不存在`,
      }),
    );
    return found;
  }
  found.push(
    ...unknownFields('/config/mapping', config.mapping, target, 'write-back.unknown-field'),
  );
  return found;
}
