/**
 * Common file name extensions and the MIME types browsers declare for them (the first is the
 * one stored). A declared type must agree with a known extension, so `evil.html` cannot pass
 * as `image/png`.
 */
const BY_EXTENSION: Readonly<Record<string, readonly string[]>> = {
  pdf: ['application/pdf'],
  png: ['image/png'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  bmp: ['image/bmp'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  heic: ['image/heic'],
  svg: ['image/svg+xml'],
  txt: ['text/plain'],
  md: ['text/markdown', 'text/plain'],
  csv: ['text/csv', 'application/vnd.ms-excel', 'text/plain'],
  html: ['text/html'],
  htm: ['text/html'],
  xml: ['application/xml', 'text/xml'],
  json: ['application/json'],
  js: ['text/javascript', 'application/javascript'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ppt: ['application/vnd.ms-powerpoint'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  zip: ['application/zip', 'application/x-zip-compressed'],
  rar: ['application/vnd.rar', 'application/x-rar-compressed'],
  '7z': ['application/x-7z-compressed'],
  mp3: ['audio/mpeg'],
  mp4: ['video/mp4'],
};

const KNOWN_TYPES = new Set(Object.values(BY_EXTENSION).flat());

/** What a browser sends when it does not know: the name decides then. */
const UNDECLARED = new Set(['', 'application/octet-stream']);

/** `image/PNG; charset=x` → `image/png`. */
export const bareType = (type: string) => type.split(';')[0]!.trim().toLowerCase();

const extensionOf = (name: string) => /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase();

/**
 * The MIME type to store for a file of this name declared as `declared`, or undefined when the
 * two disagree: a known extension needs one of its types (or none declared); a file without a
 * known extension may not claim a common type that has one (other than plain text).
 */
export function consistentType(name: string, declared: string): string | undefined {
  const type = bareType(declared);
  const extension = extensionOf(name);
  const expected = extension === undefined ? undefined : BY_EXTENSION[extension];
  if (expected) {
    if (UNDECLARED.has(type)) return expected[0];
    return expected.includes(type) ? type : undefined;
  }
  if (UNDECLARED.has(type)) return 'application/octet-stream';
  if (KNOWN_TYPES.has(type) && type !== 'text/plain') return undefined;
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : undefined;
}
