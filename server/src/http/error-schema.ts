/** The JSON Schema of `ErrorBody` (see api-error.ts), kept in the API contract. */
export { ErrorSchema } from '@tessera/core/api';
