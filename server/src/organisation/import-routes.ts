import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { importDepartments } from './import-departments.ts';
import { importUsers } from './import-users.ts';
import { readCsvBody } from './read-csv-body.ts';

type Importer = typeof importUsers;

/** One CSV import route: admins only, a dry run on request, the report of every refused row. */
function csvImportRoute(
  context: StoreContext,
  contract: (typeof api.imports)['users' | 'departments'],
  run: Importer,
): ApiRoute {
  return implement(contract, {
    guard: guards.role('admin'),
    handler: async (c, { query }) => {
      const text = await readCsvBody(c);
      const dryRun = query.dryRun === 'true';
      return c.json(await run(context, text, { dryRun, locale: localeOf(c) }));
    },
  });
}

/** CSV imports of users and departments, with a report of every row that was refused. */
export function importRoutes(context: StoreContext): ApiRoute[] {
  return [
    csvImportRoute(context, api.imports.users, importUsers),
    csvImportRoute(context, api.imports.departments, importDepartments),
  ];
}
