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
  /** The start-up sweep, running in the background: resolves with the entries it wrote. */
  readonly recovered: Promise<number>;
  /** Starts the heartbeat (unref'd: it never keeps the process alive). */
  start(): void;
  /** Stops it and writes the mark a last time (a clean stop). */
  stop(): Promise<void>;
}

/**
 * At start (ADR 0018): rolls forward, in the background, the audit entries of the record
 * changes made between the moment this node last knew all of its changes logged and this start
 * (later writes are logged by their own requests), then keeps that moment in node-local
 * settings: the start once the sweep is done, then every `AUDIT_HEARTBEAT_MS` and at a clean
 * stop the start of the oldest write still in flight (or now), minus `AUDIT_MARGIN_MS`. Until
 * the sweep is done the mark stays where it was, so a crash during it loses nothing.
 */
export async function rollForwardAudits(
  context: RecoveryContext,
  settings: Pick<InstanceSettings, 'auditedThrough'>,
  mark: AuditedThroughMark,
  inFlight: InFlightWrites,
): Promise<AuditRollForward> {
  const startedAt = context.now();
  const since = settings.auditedThrough ?? new Date(startedAt - FIRST_SWEEP_MS).toISOString();
  let swept = false;
  const through = () =>
    swept ? new Date((inFlight.oldest() ?? context.now()) - AUDIT_MARGIN_MS).toISOString() : since;
  const recovered = recoverRecordAudits(context, since, new Date(startedAt).toISOString()).then(
    async (result) => {
      swept = true;
      // everything written before the sweep's end moment is logged now
      await mark.write(new Date(startedAt - AUDIT_MARGIN_MS).toISOString());
      return result.recovered;
    },
  );
  recovered.catch(() => undefined); // the caller reports it; never an unhandled rejection
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
