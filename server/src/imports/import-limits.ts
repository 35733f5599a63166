/**
 * The limits of a table import (rules `import.maxRows` and `import.maxFileBytes`, and the
 * preview's length), declared with its contract in `@tessera/core/api`.
 */
export {
  TABLE_IMPORT_MAX_BYTES as MAX_IMPORT_BYTES,
  TABLE_IMPORT_MAX_ROWS as MAX_IMPORT_ROWS,
  TABLE_IMPORT_PREVIEW_ROWS as PREVIEW_ROWS,
} from '@tessera/core/api';
