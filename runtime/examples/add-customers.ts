/**
 * Calling Tessera from code: adds customers to the contract pack's customer table through the
 * typed client, then lists the newest five. Run it against a Tessera with the pack installed,
 * with an API token of someone who may add customers:
 *
 *   TESSERA_URL=http://127.0.0.1:3000 TESSERA_TOKEN=tsr_… \
 *     node --import tsx runtime/examples/add-customers.ts 华为 小米
 *
 * Each customer is sent under its own Idempotency-Key: running it again adds nobody twice.
 */
import { api } from '@tessera/core/api';
import { createClient, TesseraApiError } from '@tessera/runtime/client';

const tessera = createClient(api, {
  baseUrl: process.env.TESSERA_URL ?? 'http://127.0.0.1:3000',
  token: process.env.TESSERA_TOKEN ?? '',
});
const customers = { app: 'contract', table: 'customer' };

for (const name of process.argv.slice(2)) {
  try {
    const made = await tessera.records.create({
      params: customers,
      body: { values: { name } },
      idempotencyKey: `add-customer:${encodeURIComponent(name)}`,
    });
    console.log(`added ${made.id} ${name}`);
  } catch (error) {
    if (!(error instanceof TesseraApiError)) throw error;
    // the server's reason, in the language asked for, and the field it blames
    console.error(`not added "${name}": ${error.code} ${error.field ?? ''} ${error.message}`);
    process.exitCode = 1;
  }
}

const newest = await tessera.records.list({ params: customers, query: { limit: '5' } });
for (const record of newest.items) {
  console.log(`${record.createdAt} ${String(record.values.name)}`);
}
