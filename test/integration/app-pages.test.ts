import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP_PAGES } from '../../server/src/routes/web-routes.ts';
import { APP_ROUTES } from '../../web/src/shell/app-routes.ts';

/** Whether one of the server's page paths (`/items/*`, `/start`) answers this address. */
const served = (address: string) =>
  APP_PAGES.some((page) =>
    page.endsWith('/*') ? address.startsWith(page.slice(0, -1)) : address === page,
  );

describe("the server answers every page of the end-user app's registry", () => {
  it('serves the one page at each route pattern of web/src/shell/app-routes.ts', () => {
    for (const route of APP_ROUTES) {
      const example = route.pattern.replace(/:[a-z]+/g, 'x');
      assert.ok(served(example), `${route.pattern} is not in APP_PAGES`);
    }
  });
});
