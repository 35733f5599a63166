import fc from 'fast-check';
import { NASTY_STRINGS, setOwn } from './api-fuzz-arbitraries.ts';

/** One request body as sent: a JSON value, or raw bytes with a content type (null: none). */
export interface FuzzBody {
  /** What the case is: `valid`, `missing`, `wrong-type`, `raw:empty` … (for the report). */
  readonly kind: string;
  /** The JSON value sent (JSON.stringify'd), when the body is JSON text. */
  readonly value?: unknown;
  /** The body when it is not a JSON value (raw text, bytes, a form). */
  readonly raw?: string | Uint8Array | FormData;
  /** Defaults to `application/json` for a value; null sends none. */
  readonly contentType?: string | null;
}

type Path = readonly (string | number)[];

/** Bodies above the server's 5 MiB limit are refused with 413 before anyone reads them. */
const OVERSIZE = 5 * 1024 * 1024 + 10;

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
};

const JUNK: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  5e-324,
  '',
  'x',
  '1',
  '1e999',
  'true',
  'null',
  [],
  [null],
  {},
  { a: {} },
  '\u200b',
  '\u202eabc',
];

const EXTRA_KEYS = [
  'unexpected',
  '__proto__',
  'constructor',
  'prototype',
  '_id',
  '_rev',
  'type',
  '$where',
  '',
  '\u200b',
  'toString',
  'hasOwnProperty',
];

const jsonTypeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Every place in a JSON value (the root included), at most `limit` of them. */
function pathsOf(value: unknown, limit = 60): Path[] {
  const found: Path[] = [];
  const visit = (here: unknown, path: Path) => {
    if (found.length >= limit || path.length > 8) return;
    found.push(path);
    if (Array.isArray(here)) {
      for (const [index, inner] of here.entries()) visit(inner, [...path, index]);
    } else if (here !== null && typeof here === 'object') {
      for (const [key, inner] of Object.entries(here)) visit(inner, [...path, key]);
    }
  };
  visit(value, []);
  return found;
}

const at = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((here, step) => (here as Record<string | number, unknown>)?.[step], value);

/** A deep copy of `value` with the place at `path` replaced by `change(old)` (undefined: removed). */
function edit(value: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [step, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = edit(copy[step as number], rest, change);
    if (next === undefined && rest.length === 0) copy.splice(step as number, 1);
    else copy[step as number] = next;
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key !== step) setOwn(copy, key, inner);
    else {
      const next = edit(inner, rest, change);
      if (next !== undefined || rest.length > 0) setOwn(copy, key, next);
    }
  }
  return copy;
}

const withExtra = (target: unknown, key: string, extra: unknown): unknown => {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return target;
  const copy: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(target)) setOwn(copy, name, inner);
  setOwn(copy, key, extra);
  return copy;
};

/** A number where a string was, a string where a number or boolean was. */
const swapped = (old: unknown): unknown => {
  if (typeof old === 'number' || typeof old === 'boolean') return String(old);
  if (typeof old === 'string' && old.trim() !== '' && !Number.isNaN(Number(old)))
    return Number(old);
  return old === null ? 'null' : 0;
};

/** Broken variants of one valid body: each changes one place in it. */
export function brokenVariants(valid: unknown): fc.Arbitrary<FuzzBody> {
  const paths = pathsOf(valid);
  const place = fc.constantFrom(...paths);
  const objects = paths.filter((path) => jsonTypeOf(at(valid, path)) === 'object');
  const keyed = paths.filter(
    (path) => path.length > 0 && jsonTypeOf(at(valid, path.slice(0, -1))) === 'object',
  );
  const variants: fc.Arbitrary<FuzzBody>[] = [
    fc.record({ path: place, junk: fc.constantFrom(...JUNK) }).map(({ path, junk }) => ({
      kind: 'wrong-type',
      value: edit(valid, path, (old) =>
        jsonTypeOf(old) === jsonTypeOf(junk) ? (Array.isArray(junk) ? {} : [junk]) : junk,
      ),
    })),
    place.map((path) => ({ kind: 'null', value: edit(valid, path, () => null) })),
    place.map((path) => ({ kind: 'number-string', value: edit(valid, path, swapped) })),
    fc.record({ path: place, text: fc.constantFrom(...NASTY_STRINGS) }).map(({ path, text }) => ({
      kind: 'unicode',
      value: edit(valid, path, (old) => (typeof old === 'string' ? `${old}${text}` : text)),
    })),
    fc
      .record({
        path: place,
        size: fc.constantFrom(10_000, 300_000),
        unit: fc.constantFrom('a', '中', '\u200b'),
      })
      .map(({ path, size, unit }) => ({
        kind: 'huge-string',
        value: edit(valid, path, () => unit.repeat(size)),
      })),
    fc
      .record({ path: place, number: fc.constantFrom(-1, -1e308, 1e308, 2 ** 64, -0.000001, 1.5) })
      .map(({ path, number }) => ({ kind: 'odd-number', value: edit(valid, path, () => number) })),
    fc.record({ path: place, depth: fc.constantFrom(40, 98, 150) }).map(({ path, depth }) => ({
      kind: `deep-${depth}`,
      value: edit(valid, path, () => nested(depth)),
    })),
  ];
  if (keyed.length > 0) {
    variants.push(
      fc.constantFrom(...keyed).map((path) => ({
        kind: 'missing',
        value: edit(valid, path, () => undefined),
      })),
    );
  }
  if (objects.length > 0) {
    variants.push(
      fc
        .record({
          path: fc.constantFrom(...objects),
          key: fc.constantFrom(...EXTRA_KEYS),
          extra: fc.constantFrom<unknown>(
            { admin: true },
            { prototype: { polluted: 1 } },
            'x',
            null,
          ),
        })
        .map(({ path, key, extra }) => ({
          kind: key === '__proto__' || key === 'constructor' ? 'prototype-key' : 'extra-property',
          value: edit(valid, path, (old) => withExtra(old, key, extra)),
        })),
    );
  }
  return fc.oneof(...variants);
}

/** Bodies that are not the JSON the route expects at all. */
export function rawVariants(valid: unknown): fc.Arbitrary<FuzzBody> {
  const text = JSON.stringify(valid) ?? '';
  const raws: FuzzBody[] = [
    { kind: 'raw:empty', raw: '' },
    { kind: 'raw:blank', raw: ' \n\t ' },
    { kind: 'raw:null', value: null },
    { kind: 'raw:array', value: [valid] },
    { kind: 'raw:string', value: 'body' },
    { kind: 'raw:number', value: -1 },
    { kind: 'raw:truncated', raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))) },
    { kind: 'raw:trailing-comma', raw: text.replace(/}$/, ',}') },
    { kind: 'raw:single-quotes', raw: text.replaceAll('"', "'") },
    { kind: 'raw:nan', raw: '{"n": NaN}' },
    { kind: 'raw:comment', raw: `/* hi */ ${text}` },
    { kind: 'raw:bom', raw: `\uFEFF${text}` },
    { kind: 'raw:duplicate-keys', raw: text.replace(/^{/, '{"__proto__":{"admin":true},') },
    { kind: 'raw:xml', raw: '<?xml version="1.0"?><a/>', contentType: 'application/xml' },
    { kind: 'raw:form', raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'raw:bad-utf8', raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
    { kind: 'raw:too-deep', raw: `${'['.repeat(150)}${']'.repeat(150)}` },
    { kind: 'raw:oversize', raw: `{"x":"${'a'.repeat(OVERSIZE)}"}` },
    { kind: 'content-type:text', value: valid, contentType: 'text/plain' },
    { kind: 'content-type:none', value: valid, contentType: null },
    {
      kind: 'content-type:multipart',
      value: valid,
      contentType: 'multipart/form-data; boundary=x',
    },
    { kind: 'content-type:charset', value: valid, contentType: 'application/json; charset=utf-16' },
  ];
  return fc.constantFrom(...raws);
}

const CSV_CELLS = [
  ...NASTY_STRINGS,
  'alice',
  'carol',
  'Finance',
  'admin; user',
  '管理员、用户',
  'true',
];

/** CSV files, well-formed or not, for the routes that take `text/csv`. */
export function csvBodies(headers: readonly string[]): fc.Arbitrary<FuzzBody> {
  const cell = fc.oneof(fc.constantFrom(...CSV_CELLS), fc.string({ maxLength: 12 }));
  const quote = (text: string) =>
    /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  const table = fc
    .record({
      header: fc.subarray([...headers], { minLength: 0 }),
      rows: fc.array(fc.array(cell, { maxLength: headers.length + 1 }), { maxLength: 4 }),
    })
    .map(({ header, rows }) =>
      [header, ...rows].map((row) => row.map((one) => quote(String(one))).join(',')).join('\r\n'),
    );
  return fc.oneof(
    { arbitrary: table.map((raw) => ({ kind: 'csv', raw, contentType: 'text/csv' })), weight: 4 },
    fc.constantFrom<FuzzBody>(
      { kind: 'csv:empty', raw: '', contentType: 'text/csv' },
      {
        kind: 'csv:unbalanced-quote',
        raw: `${headers.join(',')}\n"abc,def`,
        contentType: 'text/csv',
      },
      {
        kind: 'csv:binary',
        raw: new Uint8Array([0, 1, 2, 0xff, 0xfe, 10, 0x80]),
        contentType: 'text/csv',
      },
      {
        kind: 'csv:gb18030',
        raw: new Uint8Array([0xd3, 0xc3, 0xbb, 0xa7, 10]),
        contentType: 'text/csv; charset=gb18030',
      },
      { kind: 'csv:unknown-charset', raw: 'a,b', contentType: 'text/csv; charset=klingon' },
      { kind: 'csv:as-json', value: { username: 'x' } },
      {
        kind: 'csv:wide-row',
        raw: `${headers.join(',')}\n${'x,'.repeat(20_000)}`,
        contentType: 'text/csv',
      },
      {
        kind: 'csv:many-rows',
        raw: `${headers.join(',')}\n${'a\n'.repeat(12_000)}`,
        contentType: 'text/csv',
      },
    ),
  );
}

const FILE_TYPES = [
  'text/csv',
  'application/pdf',
  'image/png',
  '',
  'application/x-msdownload',
  'text/html',
];
const FILE_NAMES = [
  'a.pdf',
  'rows.csv',
  '../../x.pdf',
  'a\u202egpj.exe',
  '',
  'x'.repeat(600),
  'CON',
  'a\u0000b.pdf',
];

/** Multipart forms with a `file` part (or without one, or with junk), for the upload routes. */
export function multipartBodies(csvHeader: string): fc.Arbitrary<FuzzBody> {
  const content = fc.oneof(
    fc.constant(`${csvHeader}\nx,1\n`),
    fc.constant('%PDF-1.4\n%%EOF'),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes),
    fc.constant(''),
    fc.constant('a'.repeat(9000)),
  );
  const form = fc
    .record({
      content,
      name: fc.oneof(
        { arbitrary: fc.constant('rows.csv'), weight: 3 },
        fc.constantFrom(...FILE_NAMES),
      ),
      type: fc.constantFrom(...FILE_TYPES),
      parts: fc.constantFrom(0, 1, 1, 1, 2),
      extra: fc.boolean(),
    })
    .map(({ content, name, type, parts, extra }) => {
      const data = new FormData();
      for (let i = 0; i < parts; i++) {
        const bytes = typeof content === 'string' ? content : new Uint8Array(content);
        data.append('file', new File([bytes], name, { type }));
      }
      if (extra) data.append('__proto__', 'x');
      return { kind: `multipart:${parts}-files`, raw: data, contentType: null } as FuzzBody;
    });
  return fc.oneof(
    { arbitrary: form, weight: 4 },
    fc.constantFrom<FuzzBody>(
      { kind: 'multipart:file-as-text', raw: textForm(), contentType: null },
      {
        kind: 'multipart:bad-boundary',
        raw: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nx\r\n--c--',
        contentType: 'multipart/form-data; boundary=b',
      },
      { kind: 'multipart:no-boundary', raw: 'x', contentType: 'multipart/form-data' },
      { kind: 'multipart:json', value: { file: 'x' } },
      { kind: 'multipart:empty', raw: '', contentType: 'multipart/form-data; boundary=z' },
    ),
  );
}

const textForm = () => {
  const data = new FormData();
  data.append('file', 'just text, not a file');
  return data;
};
