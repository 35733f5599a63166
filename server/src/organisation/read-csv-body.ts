import type { Context } from 'hono';
import { ApiError } from '../http/api-error.ts';

const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
]);
const CHINESE_CHARSETS = new Set(['gb18030', 'gbk', 'gb2312']);

/**
 * The CSV text of a request: `Content-Type: text/csv` (415 otherwise), UTF-8 by default, or
 * GB18030 when the charset says `gbk`/`gb2312`/`gb18030` — what Excel in Chinese saves as
 * "CSV". Bytes that are not valid in the charset are a 400, not mojibake in the database.
 */
export async function readCsvBody(c: Context): Promise<string> {
  const header = c.req.header('content-type') ?? '';
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (!CSV_TYPES.has(type)) {
    throw new ApiError(415, 'unsupported_media_type', {
      en: `send the file as text/csv, not "${type.slice(0, 60) || 'no content type'}"`,
      'zh-CN': `请以 text/csv 发送文件，而不是“${type.slice(0, 60) || '无内容类型'}”`,
    });
  }
  const charset = parameters.find((part) => part.startsWith('charset='))?.slice(8) ?? 'utf-8';
  const encoding = CHINESE_CHARSETS.has(charset) ? 'gb18030' : charset;
  if (encoding !== 'gb18030' && encoding !== 'utf-8' && encoding !== 'utf8') {
    throw new ApiError(415, 'unsupported_charset', {
      en: `the charset "${charset.slice(0, 40)}" is not supported: use utf-8 or gb18030`,
      'zh-CN': `不支持字符集“${charset.slice(0, 40)}”：请使用 utf-8 或 gb18030`,
    });
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid_encoding', {
      en: `the file is not valid ${encoding}: save it as "CSV UTF-8", or send charset=gb18030`,
      'zh-CN': `文件不是有效的 ${encoding} 编码：请另存为“CSV UTF-8”，或在 Content-Type 中注明 charset=gb18030`,
    });
  }
}
