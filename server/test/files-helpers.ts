import type { Hono } from 'hono';
import type { ApiEnv } from '../src/index.ts';
import { type Answer, ORIGIN, type Session } from './accounts-helpers.ts';

export const uploadPath = (field = 'scan', app = 'contracts', table = 'contract') =>
  `/api/apps/${app}/tables/${table}/fields/${field}/files`;

export interface UploadOptions {
  readonly name: string;
  readonly type: string;
  readonly bytes: Uint8Array;
  readonly path?: string;
}

const sessionHeaders = (as: Session): Record<string, string> => ({
  cookie: `tessera_session=${as.cookie}`,
  origin: ORIGIN,
  'x-csrf-token': as.csrf,
});

/** Uploads one file as a browser's FormData does. */
export async function upload(app: Hono<ApiEnv>, as: Session, file: UploadOptions): Promise<Answer> {
  const form = new FormData();
  form.append(
    'file',
    new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }),
  );
  const response = await app.request(file.path ?? uploadPath(), {
    method: 'POST',
    headers: sessionHeaders(as),
    body: form,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** Downloads a file: status, headers and bytes. */
export async function download(app: Hono<ApiEnv>, as: Session, id: string) {
  const response = await app.request(`/api/files/${id}`, {
    headers: { cookie: `tessera_session=${as.cookie}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** `%PDF-` and then `size - 5` bytes of filler. */
export function pdfBytes(size = 100): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x2a);
  bytes.set(new TextEncoder().encode('%PDF-'));
  return bytes;
}

export interface FileEntry {
  id: string;
  name: string;
  size: number;
  type: string;
}
