import { type AppDefinition, createPlatform, type Platform } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { defineFieldElements } from '@tessera/plugin-field-basic/elements';
import { flowBasic } from '@tessera/plugin-flow-basic';
import { viewBasic } from '@tessera/plugin-view-basic';
import { defineViewElements } from '@tessera/plugin-view-basic/elements';
import type { DirectoryChoice, FormServices, RecordChoice } from '@tessera/runtime/elements';
import type { FormUser } from '@tessera/runtime/forms';
import type { ApiClient } from '../api/api-client.ts';
import { peopleNames } from '../api/people-names.ts';
import type { SignedInUser } from '../app-context/app-context.ts';

/**
 * The form runtime's chunk: the platform with the same plugins as the server (so a form checks
 * values with the server's rules), their field and view elements, and the services fields call
 * back into.
 */
let platform: Platform | undefined;

/**
 * `currentUser` in the form's expressions (defaults such as `currentUser.id`): the signed-in
 * person. The app roles they hold are the server's to know, so a rule on them is checked there.
 */
export function formUser(user: SignedInUser | undefined): FormUser | undefined {
  if (!user) return undefined;
  return { id: user.id, name: user.displayName, department: user.department ?? '', roles: [] };
}

export function browserPlatform(): Platform {
  platform ??= createPlatform({ plugins: [fieldBasic, flowBasic, viewBasic] });
  defineFieldElements();
  defineViewElements();
  return platform;
}

/** Record titles: the table's title field as the platform finds it, else the id's tail. */
export function recordTitle(
  app: AppDefinition,
  table: string,
  values: Record<string, unknown>,
  id: string,
) {
  const definition = app.tables.find((one) => one.id === table);
  const field = definition && browserPlatform().titleField(definition);
  const value = field === undefined ? undefined : values[field];
  return typeof value === 'string' && value ? value : id.slice(-8);
}

const servicesOf = new WeakMap<ApiClient, WeakMap<AppDefinition, FormServices>>();

/**
 * What link, people, department and attachment fields ask of the page, answered by the API;
 * one object per client and app, so a page's re-render hands its fields the same services.
 */
export function formServices(api: ApiClient, app: AppDefinition): FormServices {
  let byApp = servicesOf.get(api);
  if (!byApp) {
    byApp = new WeakMap();
    servicesOf.set(api, byApp);
  }
  let services = byApp.get(app);
  if (!services) {
    services = makeServices(api, app);
    byApp.set(app, services);
  }
  return services;
}

function makeServices(api: ApiClient, app: AppDefinition): FormServices {
  const names = new Map<string, Promise<string | undefined>>();
  return {
    async searchRecords(table, text): Promise<RecordChoice[]> {
      const page = await api.call.records.list({
        params: { app: app.id, table },
        query: { limit: '200' },
      });
      const needle = text.trim().toLowerCase();
      return page.items
        .map((item) => ({
          id: item.id,
          title: recordTitle(app, table, item.values, item.id),
          values: item.values,
        }))
        .filter((choice) => !needle || choice.title.toLowerCase().includes(needle))
        .slice(0, 20);
    },
    async recordTitle(table, id) {
      const found = await api.call.records
        .get({ params: { app: app.id, table, id } })
        .catch(() => undefined);
      return found ? recordTitle(app, table, found.values, found.id) : undefined;
    },
    recordHref: (table, id) =>
      `/records/${encodeURIComponent(app.id)}/${encodeURIComponent(table)}/${encodeURIComponent(id)}`,
    userName(id) {
      let name = names.get(id);
      if (!name) {
        name = peopleNames(api, [id]).then((found) => found[id]);
        names.set(id, name);
      }
      return name;
    },
    async searchUsers(text): Promise<DirectoryChoice[]> {
      const found = await api.call.workspace.colleagues({ query: { q: text } });
      return found.items.map((user) => ({
        id: user.id,
        name: `${user.displayName} (${user.username})`,
      }));
    },
    async searchDepartments(text): Promise<DirectoryChoice[]> {
      const found = await api.call.departments.list({ query: { limit: '500' } });
      const needle = text.trim().toLowerCase();
      return found.items
        .filter((one) => !needle || one.name.toLowerCase().includes(needle))
        .slice(0, 20)
        .map((one) => ({ id: one.id, name: one.name }));
    },
    async uploadFile(field, file) {
      const table = app.tables.find((one) => one.fields.some((f) => f.id === field))?.id ?? '';
      const body = new FormData();
      body.set('file', file);
      return api.call.files.upload({ params: { app: app.id, table, field }, body });
    },
  };
}
