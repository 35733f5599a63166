/**
 * The key a person's command is remembered by on an item (decision 4): the Idempotency-Key or
 * outbox id they sent, under their user id, so two people's equal keys never meet and a retry
 * is a replay of the sender's own command only. Every such key begins with `api:`, where the
 * platform's own keys (`start:submit`, `subflow:…`, `<task>:remind`, `<task>:overdue`,
 * `<token>:wake`) never are: nothing sent to the API can be taken for one of them.
 */
export const callerKey = (userId: string, key: string): string =>
  `api:${JSON.stringify([userId, key])}`;
