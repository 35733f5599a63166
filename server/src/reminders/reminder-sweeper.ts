import type {
  AppDefinition,
  CompiledExpression,
  Platform,
  ReminderDefinition,
} from '@tessera/core';
import { ConflictError, type StoragePort } from '@tessera/runtime';
import type { AppDocument } from '../apps/app-documents.ts';
import type { RecordNoticeFields } from '../flows/notices.ts';
import { repeatingJob } from '../jobs/repeating-job.ts';
import { publishedApps } from '../records/published-apps.ts';
import type { RecordFields } from '../records/record-document.ts';
import { readAll } from '../storage/read-page.ts';
import { addDays, dayIn, dayOfValue, durationDays, reminderKind } from './reminder-days.ts';
import { recordNotice } from './reminder-notice.ts';
import { reminderIndex, reminderQuery } from './reminder-query.ts';
import { createRecipients, type Recipients } from './reminder-recipients.ts';

export interface ReminderSweeperOptions {
  readonly storage: StoragePort;
  readonly platform: Platform;
  /** The clock in ms: "today" is its day in `timeZone`. */
  readonly now: () => number;
  /** IANA time zone of "today" and of datetime values; the process's own (`TZ`) by default. */
  readonly timeZone?: string;
  /** Pause between sweeps (default 60 s). */
  readonly intervalMs?: number;
  /** How far back a passed date still earns its one overdue notice (default 31 days). */
  readonly overdueDays?: number;
  readonly onError?: (error: unknown) => void;
}

export interface ReminderSweeper {
  /** One sweep over every published app's reminders; resolves to how many notices it made. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

const DEFAULT_TIME_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Notice ids this process knows exist, so a sweep does not write them again; reset daily. */
const MAX_KNOWN = 100_000;
/** Records read per query. */
const PAGE = 200;
const NOBODY = { id: '', name: '', department: '', roles: [] };

/**
 * Record reminders (数据提醒): each sweep reads, for each reminder of each app's latest
 * published version, the records whose date lies in its window through an index on that date
 * field, and makes one notice per reminder, record, kind, date value and person. The notice id
 * is made of exactly those, so a second sweep, a second server or a restart adds nothing (the
 * create of an existing id is a conflict, and ignored).
 */
export function createReminderSweeper(options: ReminderSweeperOptions): ReminderSweeper {
  const { storage, platform } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const overdueDays = options.overdueDays ?? 31;
  const onError =
    options.onError ?? ((error) => console.error(`record reminders failed: ${String(error)}`));
  const published = publishedApps(storage);
  const indexes = new Set<string>();
  const compiled = new WeakMap<ReminderDefinition, CompiledExpression | undefined>();
  let known = new Set<string>();
  let knownDay = '';

  const condition = (app: AppDefinition, reminder: ReminderDefinition) => {
    if (reminder.when === undefined) return undefined;
    if (compiled.has(reminder)) return compiled.get(reminder);
    let expression: CompiledExpression | undefined;
    try {
      expression = platform.expressions(app, reminder.table).compile(reminder.when, 'bool');
    } catch {
      expression = undefined; // checked at publish; one that fails now holds for nobody
    }
    compiled.set(reminder, expression);
    return expression;
  };
  const holds = (
    app: AppDefinition,
    reminder: ReminderDefinition,
    values: RecordFields['values'],
    now: string,
  ) => {
    if (reminder.when === undefined) return true;
    const expression = condition(app, reminder);
    try {
      return expression?.evaluate({ ...values, now, currentUser: NOBODY }) === true;
    } catch {
      return false; // a missing value, say: no reminder rather than a failed sweep
    }
  };

  const sweepReminder = async (
    app: AppDefinition,
    reminder: ReminderDefinition,
    at: { readonly ms: number; readonly today: string },
    recipients: Recipients,
  ): Promise<number> => {
    const index = reminderIndex(app.id, reminder.table, reminder.date);
    if (!indexes.has(index.name)) {
      await storage.ensureIndexes([index]);
      indexes.add(index.name);
    }
    const rule = { beforeDays: durationDays(reminder.before), overdue: reminder.overdue === true };
    const from = rule.overdue ? addDays(at.today, -overdueDays) : at.today;
    const through = addDays(at.today, rule.beforeDays);
    const where = { app: app.id, table: reminder.table, field: reminder.date };
    const query = reminderQuery(index, where, from, through);
    const now = new Date(at.ms).toISOString();
    let made = 0;
    let cursor: string | undefined;
    do {
      const page = await storage.find<RecordFields>({
        ...query,
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const notices: (RecordNoticeFields & { _id: string })[] = [];
      for (const record of page.docs) {
        const date = record.values[reminder.date];
        const day = dayOfValue(date, timeZone);
        if (day === undefined || day < from) continue;
        const kind = reminderKind(day, at.today, rule);
        if (!kind || !holds(app, reminder, record.values, now)) continue;
        const hit = { app: app.id, reminder, record, kind, date: String(date) };
        for (const user of await recipients.of(app.id, reminder.notify, record.values)) {
          const notice = recordNotice(hit, user, now);
          if (!known.has(notice._id)) notices.push(notice);
        }
      }
      if (notices.length > 0) {
        const results = await storage.createMany(notices);
        for (const notice of notices) known.add(notice._id);
        made += results.filter((result) => !(result instanceof ConflictError)).length;
      }
      cursor = page.next;
    } while (cursor);
    return made;
  };

  const runOnce = async () => {
    const ms = options.now();
    const today = dayIn(ms, timeZone);
    if (today !== knownDay || known.size > MAX_KNOWN) {
      known = new Set();
      knownDay = today;
    }
    const apps = await readAll<AppDocument>(storage, {
      index: 'apps-by-id',
      selector: { type: 'app' },
      fields: ['_id', 'appId', 'latestVersion'],
    });
    const recipients = createRecipients(storage);
    let made = 0;
    for (const doc of apps) {
      if (!(doc.latestVersion > 0)) continue;
      const version = await published.version(doc.appId, doc.latestVersion).catch(() => undefined);
      if (!version) continue;
      // records carry the app document's id (an installed pack's app id, not the pack's name)
      const app = { ...version.definition, id: doc.appId };
      for (const reminder of version.definition.reminders ?? []) {
        try {
          made += await sweepReminder(app, reminder, { ms, today }, recipients);
        } catch (error) {
          onError(error); // one reminder failing does not hold the others up
        }
      }
    }
    return made;
  };

  return { runOnce, ...repeatingJob(runOnce, options.intervalMs ?? 60_000, onError) };
}
