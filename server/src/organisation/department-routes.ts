import { api } from '@tessera/core/api';
import { peopleViewFor } from '../accounts/colleague-view.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { createDepartment } from './create-department.ts';
import { deleteDepartment } from './delete-department.ts';
import { departmentView, readDepartment } from './department-document.ts';
import { departmentMembers, listDepartments } from './department-queries.ts';
import { departmentNotFound } from './department-rules.ts';
import { updateDepartment } from './update-department.ts';

/** The department tree: anyone signed in reads it, admins change it. */
export function departmentRoutes(context: StoreContext): ApiRoute[] {
  return [
    implement(api.departments.list, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => c.json(await listDepartments(context, query)),
    }),
    implement(api.departments.create, {
      guard: guards.role('admin'),
      handler: async (c, { body }) =>
        c.json(departmentView(await createDepartment(context, body)), 201),
    }),
    implement(api.departments.get, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const department = await readDepartment(context.storage, id);
        if (!department) throw departmentNotFound(id);
        return c.json(departmentView(department));
      },
    }),
    implement(api.departments.update, {
      guard: guards.role('admin'),
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        const id = c.req.param('id') ?? '';
        return c.json(departmentView(await updateDepartment(context, id, patch, _rev)));
      },
    }),
    implement(api.departments.remove, {
      guard: guards.role('admin'),
      handler: async (c) => {
        await deleteDepartment(context, c.req.param('id') ?? '');
        return c.json({ deleted: true as const });
      },
    }),
    implement(api.departments.members, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const view = peopleViewFor(c.get('principal')?.roles ?? []);
        return c.json(await departmentMembers(context, c.req.param('id') ?? '', query, view));
      },
    }),
  ];
}
