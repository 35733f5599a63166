/**
 * The server answers the API contract and nothing beside it (decision 0033): every route it
 * serves is one contract of `@tessera/core/api`, under the contract's operation id, and every
 * contract is served exactly once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { api, operationIdOf, type RouteContract } from '@tessera/core/api';
import type { OpenApiDocument } from '../src/index.ts';
import { makeApp } from './helpers.ts';

const documented = (path: string) => path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');

describe('the server and the API contract', () => {
  it('serves each contract once, and no route that is not one', async () => {
    const app = await makeApp();
    const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
    const served = new Map<string, string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        served.set(`${method} ${documented(path)}`, String(operation.operationId));
      }
    }
    const contracts = new Map<string, string>();
    for (const [group, operations] of Object.entries(api)) {
      for (const [name, contract] of Object.entries(operations) as [string, RouteContract][]) {
        const key = `${contract.method} ${contract.path}`;
        assert.ok(!contracts.has(key), `${group}.${name}: ${key} is declared twice`);
        contracts.set(key, contract.operationId ?? operationIdOf(contract.method, contract.path));
      }
    }
    assert.deepEqual(
      [...served.keys()].filter((key) => !contracts.has(key)),
      [],
      'served without a contract',
    );
    assert.deepEqual(
      [...contracts.keys()].filter((key) => !served.has(key)),
      [],
      'a contract nobody serves',
    );
    for (const [key, operationId] of contracts) assert.equal(served.get(key), operationId, key);
    assert.ok(contracts.size >= 90, `${contracts.size} contracts`);
  });
});
