import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { DumpedDocument, PouchStorage } from '@tessera/runtime';

/** The first line of a backup file: what it is and where it came from. */
export interface BackupHeader {
  readonly format: 'tessera-backup';
  readonly version: 1;
  readonly createdAt: string;
  readonly source: string;
  readonly documents: number;
}

/**
 * Writes every data document (with its revision and attachments) as gzipped JSON lines after a
 * header line. Indexes are not saved: the server rebuilds them at start.
 */
export async function writeBackup(
  storage: PouchStorage,
  file: string,
  onProgress: (written: number, total: number) => void = () => {},
): Promise<number> {
  const total = await storage.count();
  const header: BackupHeader = {
    format: 'tessera-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    source: storage.location,
    documents: total,
  };
  let written = 0;
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for await (const doc of storage.dump()) {
      yield `${JSON.stringify(doc)}\n`;
      written += 1;
      if (written % 500 === 0) onProgress(written, total);
    }
  }
  const out = createWriteStream(file, { flags: 'wx' });
  await pipeline(Readable.from(lines()), createGzip(), out);
  onProgress(written, total);
  return written;
}

/** Reads a backup file back into an empty database; a foreign or damaged file is refused. */
export async function readBackup(
  storage: PouchStorage,
  file: string,
  onProgress: (written: number, total: number) => void = () => {},
): Promise<number> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const lines = reader[Symbol.asyncIterator]();
  const first = await lines.next();
  const header = parseLine(first.done ? '' : first.value, 1) as Partial<BackupHeader>;
  if (header.format !== 'tessera-backup' || header.version !== 1) {
    throw new Error(
      `${file} is not a Tessera backup (version 1): its first line says ${JSON.stringify(header).slice(0, 80)}`,
    );
  }
  const total = header.documents ?? 0;
  let lineNumber = 1;
  async function* docs(): AsyncGenerator<DumpedDocument> {
    for (;;) {
      const next = await lines.next();
      if (next.done) return;
      lineNumber += 1;
      if (next.value.trim() === '') continue;
      yield parseLine(next.value, lineNumber) as DumpedDocument;
    }
  }
  const written = await storage.load(docs(), (count) => onProgress(count, total));
  reader.close();
  if (!input.destroyed)
    await Promise.race([once(input, 'close'), new Promise((done) => setTimeout(done, 100))]);
  if (written !== total) {
    throw new Error(
      `the backup announced ${total} documents but held ${written}; it may be truncated`,
    );
  }
  return written;
}

function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`line ${number} of the backup is not JSON; the file is damaged`);
  }
}
