import type {
  AppDefinition,
  FormDefinition,
  PublicFormDefinition,
  TableDefinition,
} from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import type { PublishedApps } from '../records/published-apps.ts';
import { publicFormNotFound } from './public-form-errors.ts';

/** An enabled public form of an app's latest published version, with its table and form. */
export interface FoundPublicForm {
  readonly app: AppDefinition;
  readonly version: number;
  readonly publicForm: PublicFormDefinition;
  readonly table: TableDefinition;
  readonly form: FormDefinition;
}

/** 404 alike for an unknown or unpublished app, an unknown form and a disabled one. */
export async function findPublicForm(
  published: PublishedApps,
  appId: string,
  publicFormId: string,
): Promise<FoundPublicForm> {
  const missing = publicFormNotFound(appId, publicFormId);
  const version = await published.latest(appId).catch((error: unknown) => {
    throw error instanceof ApiError && error.status === 404 ? missing : error;
  });
  const app = version.definition;
  const publicForm = app.publicForms?.find((one) => one.id === publicFormId);
  if (!publicForm || publicForm.enabled === false) throw missing;
  const table = app.tables.find((one) => one.id === publicForm.table);
  const form = app.forms?.find((one) => one.id === publicForm.form);
  // validation at publish guarantees both; a missing one is treated as no form, never a 500
  if (!table || !form) throw missing;
  return { app, version: version.version, publicForm, table, form };
}
