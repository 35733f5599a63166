import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { positionView } from './position-document.ts';
import { createPosition, deletePosition, listPositions, updatePosition } from './positions.ts';

/** Positions: anyone signed in reads them, admins change them. */
export function positionRoutes(context: StoreContext): ApiRoute[] {
  return [
    implement(api.positions.list, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => c.json(await listPositions(context, query)),
    }),
    implement(api.positions.create, {
      guard: guards.role('admin'),
      handler: async (c, { body }) =>
        c.json(positionView(await createPosition(context, body)), 201),
    }),
    implement(api.positions.update, {
      guard: guards.role('admin'),
      handler: async (c, { body }) => {
        const { _rev, ...patch } = body;
        const id = c.req.param('id') ?? '';
        return c.json(positionView(await updatePosition(context, id, patch, _rev)));
      },
    }),
    implement(api.positions.remove, {
      guard: guards.role('admin'),
      handler: async (c) => {
        await deletePosition(context, c.req.param('id') ?? '');
        return c.json({ deleted: true as const });
      },
    }),
  ];
}
