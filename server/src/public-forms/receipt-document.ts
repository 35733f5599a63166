import { randomInt, timingSafeEqual } from 'node:crypto';
import type { StoragePort, Stored } from '@tessera/runtime';
import { tokenDigest } from '../auth/secret-token.ts';

export const RECEIPT_TYPE = 'receipt';

/** What a submitter's receipt leads to; the check code only as its digest. */
export interface ReceiptFields {
  readonly type: typeof RECEIPT_TYPE;
  readonly schemaVersion: 1;
  readonly receipt: string;
  readonly app: string;
  readonly publicForm: string;
  readonly table: string;
  readonly record: string;
  /** The flow item the submission started, if its public form starts one. */
  readonly item?: string;
  readonly codeDigest: string;
  readonly submittedAt: string;
}

/** `receipt:SR-20260301-0001`: one document per receipt number, created once. */
export const receiptId = (receipt: string) => `${RECEIPT_TYPE}:${receipt}`;

/** Crockford's base32 without I, L, O, U: nothing to misread when typed from a printout. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12; // 60 bits; wrong guesses are rate-limited per address

export function newCheckCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET[randomInt(32)];
  return code;
}

export const codeDigest = (code: string): string => tokenDigest(code.trim().toUpperCase());

export async function readReceipt(
  storage: StoragePort,
  receipt: string,
): Promise<Stored<ReceiptFields> | undefined> {
  const doc = await storage.get<ReceiptFields>(receiptId(receipt));
  return doc?.type === RECEIPT_TYPE ? doc : undefined;
}

export function codeMatches(doc: ReceiptFields, code: string): boolean {
  const sent = Buffer.from(codeDigest(code));
  const kept = Buffer.from(doc.codeDigest);
  return sent.length === kept.length && timingSafeEqual(sent, kept);
}
