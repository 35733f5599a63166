import Type, { type Static } from 'typebox';
import { Id, LocalizedTextSchema } from './common.ts';

/**
 * A form published at a public URL (外部填报): people without an account fill it, and each
 * submission creates a record of `table` through the same validation as a signed-in create,
 * optionally starting `flow` with it. `receiptPrefix` begins the receipt number the submitter
 * gets back (`SR-20260301-0001`).
 */
export const PublicFormSchema = Type.Object(
  {
    id: Id,
    label: LocalizedTextSchema,
    table: Id,
    /** A form of `table`: the fields it shows are the fields a submission may fill. */
    form: Id,
    /** A flow of `table`; each submission then starts an item of it. */
    flow: Type.Optional(Id),
    /** Off (`false`) answers 404 at its URL; on by default. */
    enabled: Type.Optional(Type.Boolean()),
    receiptPrefix: Type.Optional(
      Type.String({
        pattern: '^[A-Z][A-Z0-9]{0,9}$',
        description: 'Upper-case letters and digits, at most 10, starting with a letter',
      }),
    ),
  },
  { additionalProperties: false },
);

export type PublicFormDefinition = Static<typeof PublicFormSchema>;
