/** At most this many data rows per import (rule `import.maxRows`). */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * At most this many bytes per file (rule `import.maxFileBytes`); under the server's 5 MB body
 * limit, so this rule is the one a too-large file meets.
 */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** A preview shows this many rows; its counts cover the whole file. */
export const PREVIEW_ROWS = 50;
