import Type, { type Static } from 'typebox';
import { Id, LocalizedTextSchema, PackageName, SchemaVersion } from './common.ts';
import { DictionarySchema } from './dictionary.ts';
import { FlowSchema } from './flow.ts';
import { FormSchema } from './form.ts';
import { PublicFormSchema } from './public-form.ts';
import { ReminderSchema } from './reminder.ts';
import { RoleSchema } from './role.ts';
import { TableSchema } from './table.ts';
import { ViewSchema } from './view.ts';

/** Plugin name → semver range, e.g. `{ "@tessera/plugin-field-basic": "^0.1.0" }`. */
export const RequiresSchema = Type.Record(
  PackageName,
  Type.String({ minLength: 1, maxLength: 100 }),
  { additionalProperties: false },
);

/** The parts every app has, whether built in the designer or installed from a pack. */
export const appParts = {
  label: LocalizedTextSchema,
  description: Type.Optional(LocalizedTextSchema),
  requires: Type.Optional(RequiresSchema),
  tables: Type.Array(TableSchema, { maxItems: 500 }),
  forms: Type.Optional(Type.Array(FormSchema, { maxItems: 500 })),
  flows: Type.Optional(Type.Array(FlowSchema, { maxItems: 500 })),
  views: Type.Optional(Type.Array(ViewSchema, { maxItems: 1000 })),
  roles: Type.Optional(Type.Array(RoleSchema, { maxItems: 200 })),
  dictionaries: Type.Optional(Type.Array(DictionarySchema, { maxItems: 500 })),
  /** Forms anyone may fill at a public URL (外部填报); see public-form.ts. */
  publicForms: Type.Optional(Type.Array(PublicFormSchema, { maxItems: 100 })),
  /** Date-driven reminders on records (数据提醒); see reminder.ts. */
  reminders: Type.Optional(Type.Array(ReminderSchema, { maxItems: 100 })),
};

export const AppSchema = Type.Object(
  { schemaVersion: SchemaVersion, id: Id, ...appParts },
  { additionalProperties: false },
);

export type AppDefinition = Static<typeof AppSchema>;
