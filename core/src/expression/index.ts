export { BUILTIN_FUNCTIONS } from './builtin-functions.ts';
export { celToJson, type ToCel, toCelByType, zeroValue } from './cel-values.ts';
export {
  type CompiledExpression,
  createExpressionEnvironment,
  type ExpressionEnvironment,
  type ExpressionEnvironmentOptions,
  type PreparedContext,
  type VariableDeclaration,
} from './environment.ts';
export { ExpressionError, type ExpressionErrorCode, type SourceRange } from './expression-error.ts';
export { DEFAULT_LIMITS, type ExpressionLimits } from './limits.ts';
