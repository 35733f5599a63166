import { defineFieldType, Type } from '@tessera/core';
import { formatRefs, isEmptyRef, refValueParts } from '../shared/id-refs.ts';

const DepartmentConfig = Type.Object(
  { multiple: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** 部门: a department id, or a list of them when `multiple`; flows may route by it. */
export const departmentField = defineFieldType({
  type: 'department',
  label: { 'zh-CN': '部门', en: 'Department' },
  config: DepartmentConfig,
  holds: 'department',
  ...refValueParts('department', { en: 'department', 'zh-CN': '部门' }),
  designer: { group: 'people', icon: 'department', defaultConfig: () => ({ multiple: false }) },
  form: { element: 'tessera-field-department', format: formatRefs, isEmpty: isEmptyRef },
});
