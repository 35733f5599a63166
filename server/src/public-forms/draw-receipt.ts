import { ConflictError, type StoragePort } from '@tessera/runtime';
import { drawCounter } from '../records/draw-numbers.ts';
import { RECEIPT_TYPE, type ReceiptFields, receiptId } from './receipt-document.ts';

export const DEFAULT_RECEIPT_PREFIX = 'PF';

/** Receipt numbers restart each day; the sequence has at least this many digits. */
const SEQUENCE_DIGITS = 4;

/** `20260301` in `timeZone`. */
function dayKey(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((one) => one.type === type)?.value ?? '';
  return `${part('year')}${part('month')}${part('day')}`;
}

/**
 * Stores a receipt under the next number `<prefix>-<yyyyMMdd>-<seq>` (`SR-20260301-0001`),
 * drawn from the auto-number counters (compare-and-swap, so servers never share a number).
 * Counters are per prefix, across apps: a number is unique in the installation whichever
 * public forms share a prefix. A number already taken (a counter reset by hand) is skipped.
 */
export async function storeReceipt(
  storage: StoragePort,
  prefix: string,
  at: { readonly now: string; readonly timeZone: string },
  fields: Omit<ReceiptFields, 'type' | 'schemaVersion' | 'receipt'>,
): Promise<string> {
  const day = dayKey(new Date(at.now), at.timeZone);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const seq = await drawCounter(storage, {
      app: '$public',
      table: '$receipt',
      field: prefix,
      key: day,
    });
    const receipt = `${prefix}-${day}-${String(seq).padStart(SEQUENCE_DIGITS, '0')}`;
    try {
      await storage.create<ReceiptFields>({
        _id: receiptId(receipt),
        type: RECEIPT_TYPE,
        schemaVersion: 1,
        receipt,
        ...fields,
      });
      return receipt;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new Error(`no free receipt number for prefix ${prefix} on ${day}`);
}
