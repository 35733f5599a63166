import type { Platform } from '@tessera/core';
import type { RecordWriter } from '../records/record-writer.ts';
import type { StoreContext } from '../storage/store-context.ts';
import type { PackSources } from './pack-sources.ts';

/** What the pack lifecycle works with. */
export interface PackContext extends StoreContext {
  readonly platform: Platform;
  /** Demo records and migrated ones are written, logged and announced through it. */
  readonly writer: RecordWriter;
  readonly sources: PackSources;
  /** This process, as the holder of the journals it runs. */
  readonly instanceId: string;
  /** IANA time zone of auto-number date parts; the process's own by default. */
  readonly timeZone?: string;
  /** Apps whose install, upgrade or removal runs in this process now. */
  readonly active: Set<string>;
  /** A journal not moved for this long is taken as interrupted (default 2 min). */
  readonly staleMs?: number;
}
