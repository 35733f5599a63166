import { defineNodeType, type NodeExpression } from '@tessera/core';
import { mappingExpressions } from '../shared/expressions-at.ts';
import { checkWriteBack } from './write-back-check.ts';
import { WriteBackConfig, type WriteBackConfigValue } from './write-back-config.ts';
import { CREATED_VARIABLE, writeBackVariables } from './write-back-variables.ts';

function writeBackExpressions(config: WriteBackConfigValue): NodeExpression[] {
  const variables = writeBackVariables(config);
  const found: NodeExpression[] = [];
  if (config.forEach !== undefined) {
    const { forEach: source } = config;
    found.push({ path: '/config/forEach', source, expect: 'list', variables: [CREATED_VARIABLE] });
  }
  if (config.recordId !== undefined) {
    found.push({ path: '/config/recordId', source: config.recordId, variables });
  }
  found.push(
    ...mappingExpressions(
      '/config/mapping',
      config.mapping,
      { table: config.target },
      { targetTable: config.target, variables },
    ),
  );
  if (config.guard) {
    found.push({
      path: '/config/guard/rule',
      source: config.guard.rule,
      expect: 'bool',
      targetTable: config.target,
      variables,
    });
  }
  return found;
}

/**
 * Creates or updates a record of another table (回写), e.g. deducts an approved expense from
 * its budget line. Applied once per completion, however often it is retried (decision 11).
 */
export const writeBackNode = defineNodeType({
  type: 'write-back',
  label: { 'zh-CN': '回写', en: 'Write-back' },
  description: {
    'zh-CN': '在另一张表中新建或更新记录',
    en: 'Creates or updates a record of another table',
  },
  config: WriteBackConfig,
  shape: 'step',
  incoming: { min: 1, max: Number.POSITIVE_INFINITY },
  outgoing: { min: 1, max: 1 },
  expressions: writeBackExpressions,
  check: checkWriteBack,
  designer: {
    group: 'automation',
    icon: 'database',
    // placeholders the designer asks to replace; check() reports them until then
    defaultConfig: () => ({ target: 'targetTable', mode: 'create', mapping: { name: 'name' } }),
  },
});
