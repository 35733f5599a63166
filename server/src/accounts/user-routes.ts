import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { setPassword } from './set-password.ts';
import { updateUser, userNotFound } from './update-user.ts';
import { readUser, userView } from './user-document.ts';

const admin = () => guards.role('admin');

/** Account administration: admins only. */
export function userRoutes(context: StoreContext): ApiRoute[] {
  return [
    implement(api.users.list, {
      guard: admin(),
      handler: async (c, { query }) => c.json(await listUsers(context, query, userView)),
    }),
    implement(api.users.create, {
      guard: admin(),
      handler: async (c, { body }) => c.json(userView(await createUser(context, body)), 201),
    }),
    implement(api.users.get, {
      guard: admin(),
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const user = await readUser(context.storage, id);
        if (!user) throw userNotFound(id);
        return c.json(userView(user));
      },
    }),
    implement(api.users.update, {
      guard: admin(),
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        return c.json(userView(await updateUser(context, c.req.param('id') ?? '', patch, _rev)));
      },
    }),
    implement(api.users.resetPassword, {
      guard: admin(),
      handler: async (c, { body }) => {
        const id = c.req.param('id') ?? '';
        if (!(await readUser(context.storage, id))) throw userNotFound(id);
        await setPassword(context, id, body.password, { field: '/password' });
        return c.json({ reset: true as const });
      },
    }),
  ];
}
