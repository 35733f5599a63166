import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiProblem } from '../src/api/api-error.ts';
import { SendController } from '../src/pages/send-controller.ts';

/** A controller on a fake page that counts the updates it asks for. */
function setUp(message?: (error: unknown) => string) {
  const seen = { updates: 0 };
  const host = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => {
      seen.updates += 1;
    },
    updateComplete: Promise.resolve(true),
  };
  return { sending: new SendController(host, message), seen };
}

const refusal = () => new ApiProblem(400, 'invalid_body', 'Amount must be positive');

describe('SendController', () => {
  it('is busy while a send is out and answers with what the server answered', async () => {
    const { sending, seen } = setUp();
    let busyWhileSending = false;
    const answer = await sending.run(async () => {
      busyWhileSending = sending.busy;
      return { id: 'r1' };
    });
    assert.deepEqual(answer, { id: 'r1' });
    assert.equal(busyWhileSending, true);
    assert.equal(sending.busy, false);
    assert.equal(sending.problem, undefined);
    assert.ok(seen.updates >= 2, 'the page re-renders as busy and as done');
  });

  it('keeps a refusal as the problem, in the page’s words when it has them, until the next send', async () => {
    const { sending } = setUp((error) => `Saving: ${(error as Error).message}`);
    assert.equal(await sending.run(() => Promise.reject(refusal())), undefined);
    assert.equal(sending.problem, 'Saving: Amount must be positive');
    assert.ok(sending.error instanceof ApiProblem, 'the refusal itself, for its details');
    await sending.run(async () => 'ok');
    assert.equal(sending.problem, undefined);
    assert.equal(sending.error, undefined);
  });

  it('takes a message for one send, and by default shows the server’s message', async () => {
    const { sending } = setUp();
    await sending.run(() => Promise.reject(refusal()));
    assert.equal(sending.problem, 'Amount must be positive');
    await sending.run(
      () => Promise.reject(refusal()),
      () => 'x.pack.json was refused',
    );
    assert.equal(sending.problem, 'x.pack.json was refused');
  });

  it('sends one at a time', async () => {
    const { sending } = setUp();
    let sends = 0;
    let finish!: () => void;
    const first = sending.run(() => {
      sends += 1;
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    assert.equal(await sending.run(async () => (sends += 1)), undefined);
    finish();
    await first;
    assert.equal(sends, 1);
  });

  it('shows a problem found before sending, and forgets it on clear or when the page goes', () => {
    const { sending } = setUp();
    sending.fail('bad.json is not valid JSON');
    assert.equal(sending.problem, 'bad.json is not valid JSON');
    sending.clear();
    assert.equal(sending.problem, undefined);
    sending.fail('again');
    sending.hostDisconnected();
    assert.equal(sending.problem, undefined);
  });
});
