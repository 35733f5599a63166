import type { ApiClient } from '../../api/api-client.ts';

/** Hands the browser a JSON file to save, as a download named `fileName`. */
export function saveJson(value: unknown, fileName: string): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type SaveFile = typeof saveJson;

/**
 * Reads the app as a pack file (`GET /api/packs/{name}/export?data=…`) and saves it; resolves
 * only once the file is in hand, so what follows (removing the app) never runs without it.
 */
export async function downloadExport(
  api: ApiClient,
  name: string,
  data: 'none' | 'demo' | 'all',
  version: string,
  save: SaveFile = saveJson,
): Promise<void> {
  const pack = await api.call.packs.export({ params: { name }, query: { data } });
  const found = pack.version;
  save(pack, `${name}-${typeof found === 'string' ? found : version}.pack.json`);
}
