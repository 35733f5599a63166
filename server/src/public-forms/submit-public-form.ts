import type { Locale } from '@tessera/core';
import { isoNow } from '../storage/store-context.ts';
import { DEFAULT_RECEIPT_PREFIX, storeReceipt } from './draw-receipt.ts';
import { holdsFiles, shownFields } from './fillable-fields.ts';
import type { FoundPublicForm } from './find-public-form.ts';
import { attachmentRefused, notOnForm } from './public-form-errors.ts';
import type { PublicFormsContext } from './public-forms-context.ts';
import { publicCaller } from './public-principal.ts';
import { codeDigest, newCheckCode } from './receipt-document.ts';

const DEFAULT_TIME_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface Submitted {
  readonly receipt: string;
  readonly checkCode: string;
}

/**
 * One anonymous submission: only fields the form lets the public fill, no files; then the
 * record is created exactly as a signed-in create does it (validation, computed values,
 * auto-numbers, audit) by the form's own principal — starting the form's flow with it when it
 * names one — and only then a receipt is drawn, so a refused submission uses no number.
 */
export async function submitPublicForm(
  context: PublicFormsContext,
  found: FoundPublicForm,
  values: Readonly<Record<string, unknown>>,
  locale: Locale,
): Promise<Submitted> {
  const { platform } = context;
  const { app, publicForm, table } = found;
  const fillable = new Set(
    shownFields(platform, found)
      .filter((one) => one.right === 'edit')
      .map((one) => one.field.id),
  );
  for (const key of Object.keys(values)) {
    const field = table.fields.find((one) => one.id === key);
    if (field && holdsFiles(platform, field)) throw attachmentRefused(key);
    if (!fillable.has(key)) throw notOnForm(key);
  }
  const caller = publicCaller(app.id, publicForm);
  let record: string;
  let item: string | undefined;
  if (publicForm.flow === undefined) {
    const created = await context.records.create(app.id, table.id, values, caller, {
      locale,
      trusted: true,
      form: { id: publicForm.form },
    });
    record = created.record.id;
  } else {
    const started = await context.flows.start(app.id, publicForm.flow, { values }, caller, {
      locale,
      trusted: true,
    });
    record = started.record.id;
    item = started.id;
  }
  const checkCode = newCheckCode();
  const submittedAt = isoNow(context);
  const receipt = await storeReceipt(
    context.storage,
    publicForm.receiptPrefix ?? DEFAULT_RECEIPT_PREFIX,
    { now: submittedAt, timeZone: context.timeZone ?? DEFAULT_TIME_ZONE },
    {
      app: app.id,
      publicForm: publicForm.id,
      table: table.id,
      record,
      ...(item === undefined ? {} : { item }),
      codeDigest: codeDigest(checkCode),
      submittedAt,
    },
  );
  return { receipt, checkCode };
}
