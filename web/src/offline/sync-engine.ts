import { MAX_PUSH } from '@tessera/core/api';
import type { ApiClient } from '../api/api-client.ts';
import { ApiProblem } from '../api/api-error.ts';
import type { OfflineStore } from './offline-db.ts';
import type {
  ConflictEntry,
  NewOutboxCommand,
  OutboxCommand,
  SyncStatus,
} from './offline-types.ts';

/** Commands sent per push request: as many as the server takes at once. */
export const PUSH_BATCH = MAX_PUSH;

/**
 * Moves the outbox to the server and the person's working set to the browser: push first (in
 * order, in batches, each command once by its id), then pull the difference. A cut connection
 * leaves the unsent part queued; sending it again is harmless. Runs once at a time; `change`
 * events tell the shell and the sync page what waits.
 */
export class SyncEngine extends EventTarget {
  private running: Promise<void> | undefined;
  private again = false;
  private state: SyncStatus;

  constructor(
    private readonly api: ApiClient,
    readonly store: OfflineStore,
    /** Makes sure a session and its CSRF token are known (a page opened offline has none). */
    private readonly beforeSync: () => Promise<void> = async () => undefined,
  ) {
    super();
    const last = globalThis.localStorage?.getItem(this.lastKey());
    this.state = {
      pending: 0,
      conflicts: 0,
      syncing: false,
      ...(last ? { lastSyncAt: last } : {}),
    };
  }

  private lastKey() {
    return `tessera.lastSync:${this.store.name}`;
  }

  get status(): SyncStatus {
    return this.state;
  }

  /** Queues a write made offline (or whose request failed to reach the server). */
  async queue(command: NewOutboxCommand, label?: string): Promise<OutboxCommand> {
    const queued = await this.store.queue(command, label);
    await this.refresh();
    return queued;
  }

  /** Syncs now; a call while one runs makes it run once more after. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.sync();
      }
    });
    return this.running;
  }

  private async run() {
    this.update({ syncing: true });
    try {
      await this.beforeSync();
      await this.push();
      await this.pull();
      const at = new Date().toISOString();
      globalThis.localStorage?.setItem(this.lastKey(), at);
      this.update({ syncing: false, lastSyncAt: at, error: undefined });
    } catch (error) {
      this.update({
        syncing: false,
        error: error instanceof ApiProblem ? error.message : String(error),
      });
    }
    await this.refresh();
  }

  private async push() {
    let after: string | undefined;
    for (;;) {
      // only the next batch is read, from after the last one sent: reading the whole outbox for
      // each batch made a sync O(n²), and so did walking the entries already sent
      const queued = await this.store.outbox(PUSH_BATCH, after);
      if (queued.length === 0) return;
      const { results } = await this.api.call.sync.push({
        body: { commands: queued.map((doc) => doc.command) },
      });
      const byId = new Map(results.map((result) => [result.id, result]));
      const done = queued.filter((doc) => {
        const status = byId.get(doc.command.id)?.status;
        return status !== undefined && status !== 'retry';
      });
      const conflicts: ConflictEntry[] = done.flatMap((doc) => {
        const result = byId.get(doc.command.id)!;
        if (result.status !== 'conflict' && result.status !== 'rejected') return [];
        return [
          {
            command: doc.command,
            ...(doc.label ? { label: doc.label } : {}),
            status: result.status,
            error: result.error,
            ...(result.server === undefined ? {} : { server: result.server }),
            at: new Date().toISOString(),
          },
        ];
      });
      // the conflict is kept before the queued copy goes, so a crash between keeps both
      await this.store.addConflicts(conflicts);
      await this.store.dequeue(done);
      // counted down by what went, not recounted (a recount walks the whole outbox)
      this.update({
        pending: Math.max(0, this.state.pending - done.length),
        conflicts: this.state.conflicts + conflicts.length,
      });
      if (done.length < queued.length) return;
      after = queued.at(-1)!._id;
    }
  }

  private async pull() {
    const held = await this.store.cached();
    const known = Object.fromEntries(held.map((doc) => [doc.id, doc.rev]));
    const answer = await this.api.call.sync.pull({ body: { known } });
    await this.store.applyPull(answer.docs, answer.removed);
  }

  /** Recounts what waits and tells the listeners. */
  async refresh(): Promise<void> {
    const [pending, conflicts] = await Promise.all([
      this.store.pendingCount(),
      this.store.conflictCount(),
    ]);
    this.update({ pending, conflicts });
  }

  private update(change: Partial<SyncStatus>) {
    this.state = { ...this.state, ...change };
    this.dispatchEvent(new Event('change'));
  }
}
