import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { badFileName, fileTooLarge, noFilePart } from './file-errors.ts';

/** Room for the multipart boundaries and part headers around the file's bytes. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The one file of an upload, its bytes counted by the server. */
export interface Upload {
  readonly name: string;
  readonly declaredType: string;
  readonly bytes: Uint8Array;
}

export interface UploadLimit {
  readonly bytes: number;
  readonly rule: 'maxSize' | 'instance';
}

/** Reads the body as it arrives and stops at the limit: a body never sits in memory past it. */
async function boundedBody(c: Context<ApiEnv>, limit: UploadLimit): Promise<Uint8Array> {
  const most = limit.bytes + MULTIPART_OVERHEAD;
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > most) throw fileTooLarge(limit.bytes, limit.rule);
  const stream = c.req.raw.body;
  if (!stream) throw noFilePart();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > most) {
      await reader.cancel();
      throw fileTooLarge(limit.bytes, limit.rule);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** `C:\fakepath\a.pdf` → `a.pdf`, NFC; refused when empty, too long or with control characters. */
function cleanName(raw: string): string {
  const name = (raw.split(/[\\/]/).at(-1) ?? '').normalize('NFC').trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (name === '' || [...name].length > 255 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw badFileName();
  }
  return name;
}

/**
 * The `file` part of a `multipart/form-data` body, as a browser's FormData sends it: exactly one,
 * and a file (not a text field). Over the limit is a 413 naming the rule.
 */
export async function readUpload(c: Context<ApiEnv>, limit: UploadLimit): Promise<Upload> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw noFilePart();
  const body = await boundedBody(c, limit);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw noFilePart();
  }
  const parts = form.getAll('file');
  const file = parts[0];
  if (parts.length !== 1 || typeof file === 'string' || file === undefined) throw noFilePart();
  if (file.size > limit.bytes) throw fileTooLarge(limit.bytes, limit.rule);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: cleanName(file.name), declaredType: file.type, bytes };
}
