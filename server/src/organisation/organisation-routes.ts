import type { ApiRoute } from '../http/define-route.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { departmentRoutes } from './department-routes.ts';
import { importRoutes } from './import-routes.ts';
import { positionRoutes } from './position-routes.ts';

/** Departments, positions and the CSV imports. */
export const organisationRoutes = (context: StoreContext): ApiRoute[] => [
  ...departmentRoutes(context),
  ...positionRoutes(context),
  ...importRoutes(context),
];
