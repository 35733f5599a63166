/**
 * The form's pure half, without formily or the DOM: linkage rules, derived values, the form's
 * validation and a new record's starting values. `createFormRuntime` runs these very functions
 * in the browser; the server's record writer runs them to apply a form to what a client sent.
 */
export { computeValues, hasComputed } from './computed-values.ts';
export { type DeriveScope, deriveValues, settleValues } from './derive-values.ts';
export { columnsOf, type FieldTypes, rowScope, typed } from './form-tables.ts';
export type { FormUser, FormValues } from './form-types.ts';
export { type ValidationInput, validateForm } from './form-validation.ts';
export { initialValues } from './initial-values.ts';
export {
  type CompiledRule,
  type CompiledRules,
  compileRules,
  evaluateStates,
  type RuleOutcome,
  ruleStates,
} from './linkage.ts';
export { isEmptyValue, sameJson } from './paths.ts';
