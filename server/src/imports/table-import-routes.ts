import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { idempotencyKeyOf } from '../http/idempotency-key.ts';
import { localeOf } from '../http/locale.ts';
import { callerOf } from '../records/caller.ts';
import type { RecordService, RecordsContext } from '../records/record-service.ts';
import { keyRequired } from './import-errors.ts';
import { tableImporter } from './import-table.ts';
import { readImportFile } from './read-import-file.ts';

/** Importing rows of an Excel or CSV file into a table of a published app. */
export function tableImportRoutes(context: RecordsContext, records: RecordService): ApiRoute[] {
  const importer = tableImporter(context, records);
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('import routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  return [
    implement(api.imports.table, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const locale = localeOf(c);
        const dryRun = query.dryRun !== 'false';
        const key = idempotencyKeyOf(c);
        if (!dryRun && key === undefined) throw keyRequired();
        const request = {
          app: c.req.param('app') ?? '',
          table: c.req.param('table') ?? '',
          grid: await readImportFile(c),
          caller: await caller(c),
          locale,
        };
        if (dryRun) return c.json(await importer.preview(request));
        return c.json(await importer.commit({ ...request, key: key! }));
      },
    }),
  ];
}
