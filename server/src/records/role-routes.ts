import type { Locale } from '@tessera/core';
import { api } from '@tessera/core/api';
import { ConflictError } from '@tessera/runtime';
import { asApi } from '../apps/app-errors.ts';
import type { AppStore } from '../apps/app-store.ts';
import { appendAudit } from '../audit/audit-entry.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { issueBodies } from '../routes/validate-routes.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import {
  APP_ROLES_TYPE,
  type AppRolesFields,
  appRolesId,
  checkAppRoles,
  readAppRoles,
} from './app-roles.ts';

const rolesConflict = (appId: string) =>
  new ApiError(
    409,
    'conflict',
    {
      en: `the roles of app "${appId}" were changed since you read them; read them again and retry`,
      'zh-CN': `应用“${appId}”的角色在您读取后已被修改，请重新读取后重试`,
    },
    '/_rev',
  );

function invalidRoles(issues: ReturnType<typeof checkAppRoles>, locale: Locale): ApiError {
  const first = issues[0]!;
  return new ApiError(400, 'invalid_roles', first.message, first.path, {
    issues: issueBodies(issues, locale),
  });
}

const IMPLEMENTERS = () => guards.role('admin', 'implementer');

/**
 * `GET/PUT /apps/{id}/roles`: who holds each app role (users, departments) and which records
 * each role sees per table (own, department, all). Saved with the revision read (never blind).
 */
export function roleRoutes(context: StoreContext, apps: AppStore): ApiRoute[] {
  const { storage } = context;
  return [
    implement(api.appRoles.get, {
      guard: IMPLEMENTERS(),
      handler: async (c) => {
        const appId = c.req.param('id') ?? '';
        await asApi(localeOf(c), () => apps.get(appId));
        const found = await readAppRoles(storage, appId);
        return c.json({
          app: appId,
          ...(found ? { _rev: found._rev } : {}),
          roles: found?.roles ?? {},
          rows: found?.rows ?? {},
        });
      },
    }),
    implement(api.appRoles.replace, {
      guard: IMPLEMENTERS(),
      handler: async (c, { body }) => {
        const appId = c.req.param('id') ?? '';
        const locale = localeOf(c);
        const app = await asApi(locale, () => apps.get(appId));
        const issues = checkAppRoles(app.draft, body);
        if (issues.length > 0) throw invalidRoles(issues, locale);
        const actor = c.get('principal')?.userId ?? 'unknown';
        const before = await readAppRoles(storage, appId);
        if (before && body._rev !== before._rev) throw rolesConflict(appId);
        const fields: AppRolesFields = {
          type: APP_ROLES_TYPE,
          schemaVersion: 1,
          app: appId,
          roles: body.roles,
          rows: body.rows,
          updatedAt: isoNow(context),
          updatedBy: actor,
        };
        let rev: string;
        try {
          rev = before
            ? (await storage.update<AppRolesFields>({ ...before, ...fields })).rev
            : (await storage.create<AppRolesFields>({ _id: appRolesId(appId), ...fields })).rev;
        } catch (error) {
          if (error instanceof ConflictError) throw rolesConflict(appId);
          throw error;
        }
        await appendAudit(
          storage,
          {
            actor,
            action: 'app.roles',
            subject: { id: appRolesId(appId), type: APP_ROLES_TYPE },
            app: appId,
            key: `${appRolesId(appId)}@${rev}`,
            ...(before ? { before: { roles: before.roles, rows: before.rows } } : {}),
            after: { roles: body.roles, rows: body.rows },
          },
          new Date(context.now()),
        );
        return c.json({ app: appId, _rev: rev, roles: body.roles, rows: body.rows });
      },
    }),
  ];
}
