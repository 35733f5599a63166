/**
 * A refusal from the server (`{ error: { code, message, field? } }`) or a lost connection: the
 * typed client's error, under the name the app's pages know it by.
 */
export { TesseraApiError as ApiProblem } from '@tessera/runtime/client';
