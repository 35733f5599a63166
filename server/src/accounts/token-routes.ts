import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import type { AccountsContext } from './accounts-context.ts';
import { apiTokenView, createApiToken, deleteApiToken, listApiTokens } from './api-tokens.ts';
import { principalOf } from './auth-routes.ts';

/** A signed-in user's own API tokens: list, make (shown once), revoke. */
export function tokenRoutes(context: AccountsContext): ApiRoute[] {
  return [
    implement(api.tokens.list, {
      guard: guards.signedIn(),
      handler: async (c, { query }) =>
        c.json(await listApiTokens(context, principalOf(c).userId, query)),
    }),
    implement(api.tokens.create, {
      guard: guards.signedIn(),
      handler: async (c, { body }) => {
        const { token, doc } = await createApiToken(
          context,
          principalOf(c).userId,
          body.name.trim(),
          body.expiresAt,
        );
        return c.json({ ...apiTokenView(doc), token }, 201);
      },
    }),
    implement(api.tokens.remove, {
      guard: guards.signedIn(),
      handler: async (c) => {
        await deleteApiToken(context, principalOf(c).userId, c.req.param('id') ?? '');
        return c.json({ deleted: true as const });
      },
    }),
  ];
}
