export { createFormRuntime } from './form-runtime.ts';
export type { FormRuntime } from './form-runtime-api.ts';
export { columnsOf } from './form-tables.ts';
export type {
  FieldState,
  FormRuntimeOptions,
  FormUser,
  FormValues,
  RowTotal,
} from './form-types.ts';
export { columnPath, toPointer } from './paths.ts';
