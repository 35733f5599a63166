import { defineFieldType, Type } from '@tessera/core';
import { scalarText } from '../shared/guards.ts';
import { formatRefs, isEmptyRef, refValueParts } from '../shared/id-refs.ts';

const UserConfig = Type.Object(
  { multiple: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** 人员: a user id, or a list of them when `multiple`; flows may assign tasks to it. */
export const userField = defineFieldType({
  type: 'user',
  label: { 'zh-CN': '人员', en: 'User' },
  config: UserConfig,
  holds: 'user',
  ...refValueParts('user', { en: 'user', 'zh-CN': '人员' }),
  list: {
    cellText: (value, _field, ctx) =>
      [value]
        .flat()
        .map((id) => ctx.userName?.(scalarText(id)) ?? scalarText(id))
        .join(', '),
  },
  designer: { group: 'people', icon: 'user', defaultConfig: () => ({ multiple: false }) },
  form: { element: 'tessera-field-user', format: formatRefs, isEmpty: isEmptyRef },
});
