import { Type } from '@tessera/core';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Values = Type.Record(Type.String(), Type.Unknown());

/**
 * A write made offline, queued in the browser's outbox and sent when back online. `id` is
 * made once, in the browser, and is the write's idempotency key: sending it again (after a
 * cut connection) applies nothing twice.
 */
export const OutboxCommandSchema = Type.Union([
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('start'),
      app: Id,
      flow: Id,
      values: Values,
      submit: Type.Optional(Type.Boolean()),
      opinion: Type.Optional(Type.String({ maxLength: 2000 })),
      at: Type.Optional(Type.String({ maxLength: 40, description: 'when it was made offline' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('command'),
      item: Id,
      command: Type.Record(Type.String(), Type.Unknown()),
      at: Type.Optional(Type.String({ maxLength: 40 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Id,
      kind: Type.Literal('create'),
      app: Id,
      table: Id,
      values: Values,
      at: Type.Optional(Type.String({ maxLength: 40 })),
    },
    { additionalProperties: false },
  ),
]);

export type OutboxCommand =
  | {
      readonly id: string;
      readonly kind: 'start';
      readonly app: string;
      readonly flow: string;
      readonly values: Record<string, unknown>;
      readonly submit?: boolean;
      readonly opinion?: string;
      readonly at?: string;
    }
  | {
      readonly id: string;
      readonly kind: 'command';
      readonly item: string;
      readonly command: Record<string, unknown>;
      readonly at?: string;
    }
  | {
      readonly id: string;
      readonly kind: 'create';
      readonly app: string;
      readonly table: string;
      readonly values: Record<string, unknown>;
      readonly at?: string;
    };

/** At most this many commands per push; the browser sends its outbox in batches. */
export const MAX_PUSH = 200;
