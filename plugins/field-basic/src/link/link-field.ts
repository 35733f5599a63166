import { defineFieldType, Id, Type } from '@tessera/core';
import { formatRefs, isEmptyRef, refValueParts } from '../shared/id-refs.ts';
import { checkLink } from './check-link.ts';

const LinkConfig = Type.Object(
  {
    /** The table whose records this field points at. */
    table: Id,
    /** The field of the linked table shown for a linked record (its title field when absent). */
    displayField: Type.Optional(Id),
    /** Fields of the linked record copied into fields of this table when a record is picked. */
    pull: Type.Optional(
      Type.Array(Type.Object({ from: Id, to: Id }, { additionalProperties: false }), {
        maxItems: 100,
      }),
    ),
    multiple: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** 关联表单: the id of a record of another table (a list of ids when `multiple`). */
export const linkField = defineFieldType({
  type: 'link',
  label: { 'zh-CN': '关联表单', en: 'Link' },
  config: LinkConfig,
  holds: 'record',
  ...refValueParts('link', { en: 'record', 'zh-CN': '记录' }),
  checkDefinition: (field, ctx) => checkLink(field.id, field.config, ctx),
  links: {
    table: (field) => field.config.table,
    ids: (value) =>
      (Array.isArray(value) ? value : [value]).filter(
        (id): id is string => typeof id === 'string' && id !== '',
      ),
    // several linked records have no one value to copy (checkLink refuses the combination)
    pulls: (field) => (field.config.multiple ? [] : (field.config.pull ?? [])),
    multiple: (field) => field.config.multiple === true,
  },
  // a link cell opens the linked records; only whether there are any is filtered on
  list: { filterOps: () => ['notEmpty', 'empty'] },
  designer: { group: 'relation', icon: 'link', defaultConfig: () => ({ multiple: false }) },
  form: { element: 'tessera-field-link', format: formatRefs, isEmpty: isEmptyRef },
});
