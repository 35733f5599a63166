import type { AppDefinition } from '@tessera/core';
import type { ApiClient } from '../api/api-client.ts';

/** Published versions never change, so each is fetched once per page load. */
const known = new Map<string, Promise<AppDefinition>>();

export function publishedDefinition(
  api: ApiClient,
  app: string,
  version: number,
): Promise<AppDefinition> {
  const key = `${app}@${version}`;
  let found = known.get(key);
  if (!found) {
    found = api.call.apps
      .version({ params: { id: app, version: String(version) } })
      // a published version's definition was validated when it was published
      .then((answer) => answer.definition as AppDefinition);
    found.catch(() => known.delete(key));
    known.set(key, found);
  }
  return found;
}

/** The latest published version of an app, with its number. */
export async function latestDefinition(api: ApiClient, app: string) {
  const { versions } = await api.call.apps.versions({
    params: { id: app },
    query: { limit: '1' },
  });
  const version = versions[0]?.version;
  if (version === undefined) return undefined;
  return { version, definition: await publishedDefinition(api, app, version) };
}
