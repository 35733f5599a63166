import { after, describe } from 'node:test';
import type { PouchStorage, PouchTuning, QueryEvent } from '../../src/index.ts';
import { attachmentTests } from './suite-attachments.ts';
import { documentTests } from './suite-documents.ts';
import { findTests } from './suite-find.ts';
import { hygieneTests } from './suite-hygiene.ts';
import { idempotencyTests } from './suite-idempotency.ts';

/** Opens a new, empty database each call. */
export type OpenStorage = (tuning: PouchTuning) => Promise<PouchStorage>;

export interface SuiteContext {
  /** A fresh storage that records its queries in `queries`; closed after `use` returns. */
  withStorage<R>(use: (storage: PouchStorage) => Promise<R>): Promise<R>;
  readonly queries: QueryEvent[];
}

/** The storage suite every backend must pass: run once per backend with its own factory. */
export function storageSuite(backend: string, open: OpenStorage, cleanup?: () => Promise<void>) {
  describe(`storage on ${backend}`, () => {
    const queries: QueryEvent[] = [];
    const context: SuiteContext = {
      queries,
      async withStorage(use) {
        const storage = await open({ onQuery: (event) => queries.push(event) });
        try {
          return await use(storage);
        } finally {
          await storage.close();
        }
      },
    };
    if (cleanup) after(cleanup);
    documentTests(context);
    idempotencyTests(context);
    findTests(context);
    hygieneTests(context);
    attachmentTests(context);
  });
}
