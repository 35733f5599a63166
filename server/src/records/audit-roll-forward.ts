import type { AuditedThroughMark, InstanceSettings } from '../settings/instance-settings.ts';
import type { InFlightWrites } from './in-flight-writes.ts';
import { type RecoveryContext, recoverRecordAudits } from './recover-record-audits.ts';

/** How often the heartbeat moves `auditedThrough` on. */
export const AUDIT_HEARTBEAT_MS = 30_000;
/** Kept behind the oldest write in flight: a clock stepping back a little loses nothing. */
export const AUDIT_MARGIN_MS = 5_000;
/**
 * How far back the first sweep looks when the settings hold no `auditedThrough` (a fresh data
 * folder, or one last run by a build that kept none): a day, not the whole database, so the
 * first start of a large installation stays quick.
 */
export const FIRST_SWEEP_MS = 24 * 60 * 60 * 1000;

export interface AuditRollForward {
  /** Entries the start-up sweep wrote. */
  readonly recovered: number;
  /** Starts the heartbeat (unref'd: it never keeps the process alive). */
  start(): void;
  /** Stops it and writes the mark a last time (a clean stop). */
  stop(): Promise<void>;
}

/**
 * At start (ADR 0018): rolls forward the audit entries of the record changes made since this
 * node last knew all of its changes logged, then keeps that moment in node-local settings: now
 * at start, then every `AUDIT_HEARTBEAT_MS` and at a clean stop the start of the oldest write
 * still in flight (or now), minus `AUDIT_MARGIN_MS`.
 */
export async function rollForwardAudits(
  context: RecoveryContext,
  settings: Pick<InstanceSettings, 'auditedThrough'>,
  mark: AuditedThroughMark,
  inFlight: InFlightWrites,
): Promise<AuditRollForward> {
  const startedAt = context.now();
  const since = settings.auditedThrough ?? new Date(startedAt - FIRST_SWEEP_MS).toISOString();
  const { recovered } = await recoverRecordAudits(context, since);
  const through = () =>
    new Date((inFlight.oldest() ?? context.now()) - AUDIT_MARGIN_MS).toISOString();
  // nothing was written before the sweep began: all of it is logged now
  await mark.write(new Date(startedAt - AUDIT_MARGIN_MS).toISOString());
  let timer: NodeJS.Timeout | undefined;
  return {
    recovered,
    start() {
      timer ??= setInterval(() => {
        mark.write(through()).catch((error: unknown) => {
          console.error(`writing auditedThrough failed: ${String(error)}`);
        });
      }, AUDIT_HEARTBEAT_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await mark.write(through());
    },
  };
}
