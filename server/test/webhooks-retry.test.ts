import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeliveryResult } from '../src/webhooks/deliver.ts';
import {
  MAX_ATTEMPTS,
  MIN_RETRY_DELAY_MS,
  nextAttemptDelay,
  RETRY_CEILINGS_MS,
} from '../src/webhooks/next-attempt-delay.ts';
import { planRetry, type WebhookDelivery } from '../src/webhooks/plan-retry.ts';

const top = (): number => 1;
const half = (): number => 0.5;
const zero = (): number => 0;

describe('nextAttemptDelay', () => {
  it('follows 10 s, 30 s, 2 min, 10 min, 1 h, 6 h, 16 h at most, then gives up', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7].map((attempt) => nextAttemptDelay(attempt, top));
    assert.deepEqual(ceilings, [10e3, 30e3, 120e3, 600e3, 3600e3, 6 * 3600e3, 16 * 3600e3]);
    assert.equal(MAX_ATTEMPTS, 8);
    assert.equal(nextAttemptDelay(8, top), undefined);
    assert.equal(nextAttemptDelay(20, top), undefined);
    const total = RETRY_CEILINGS_MS.reduce((sum, ms) => sum + ms, 0);
    assert.ok(total > 20 * 3600e3 && total < 24 * 3600e3, 'the last attempt comes within a day');
  });

  it('draws each wait uniformly below its ceiling (full jitter), never under a second', () => {
    assert.equal(nextAttemptDelay(5, half), 1800e3);
    assert.equal(nextAttemptDelay(1, zero), MIN_RETRY_DELAY_MS);
    for (let i = 0; i < 200; i++) {
      const delay = nextAttemptDelay(3) ?? -1;
      assert.ok(delay >= MIN_RETRY_DELAY_MS && delay <= 120e3, String(delay));
    }
  });

  it('refuses an attempt number that is not a whole number from 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      assert.throws(() => nextAttemptDelay(bad), RangeError);
  });
});

describe('planRetry', () => {
  const now = new Date('2025-06-01T12:00:00.000Z');
  const pending: WebhookDelivery = {
    id: 'dlv_1',
    state: 'pending',
    attempts: 0,
    nextAt: now.toISOString(),
  };
  const result = (extra: Partial<DeliveryResult>): DeliveryResult => ({
    ok: false,
    attempt: 1,
    giveUp: false,
    url: 'https://hooks.example.com/',
    ...extra,
  });
  const error = (code: string) => ({ code, message: { en: code, 'zh-CN': code } });

  it('marks a 2xx as succeeded', () => {
    assert.deepEqual(planRetry(pending, result({ ok: true, status: 200 }), now), {
      id: 'dlv_1',
      state: 'succeeded',
      attempts: 1,
      lastStatus: 200,
      finishedAt: '2025-06-01T12:00:00.000Z',
    });
  });

  it('schedules the next attempt after a jittered delay', () => {
    const next = planRetry(
      pending,
      result({ status: 503, error: error('http_status') }),
      now,
      half,
    );
    assert.deepEqual(next, {
      id: 'dlv_1',
      state: 'pending',
      attempts: 1,
      lastStatus: 503,
      lastError: 'http_status',
      nextAt: '2025-06-01T12:00:05.000Z',
    });
  });

  it('fails on 410 Gone and on a refused destination, without retrying', () => {
    const gone = planRetry(
      pending,
      result({ status: 410, giveUp: true, error: error('gone') }),
      now,
    );
    assert.deepEqual([gone.state, gone.state === 'failed' && gone.reason], ['failed', 'gone']);
    const refused = planRetry(
      pending,
      result({ giveUp: true, error: error('private_address') }),
      now,
    );
    assert.deepEqual(
      [refused.state, refused.state === 'failed' && refused.reason],
      ['failed', 'refused'],
    );
    assert.equal(refused.lastError, 'private_address');
  });

  it('walks a delivery that always fails through eight attempts to failed', () => {
    let delivery: WebhookDelivery = pending;
    let clock = now.getTime();
    const states: string[] = [];
    for (let attempt = 1; delivery.state === 'pending'; attempt++) {
      if (attempt > 1) clock = Date.parse(delivery.nextAt);
      delivery = planRetry(
        delivery,
        result({ attempt, error: error('timeout') }),
        new Date(clock),
        top,
      );
      states.push(delivery.state);
    }
    assert.deepEqual(states, [...Array(7).fill('pending'), 'failed']);
    assert.equal(delivery.attempts, MAX_ATTEMPTS);
    assert.equal(delivery.state === 'failed' && delivery.reason, 'exhausted');
    const hours = (clock - now.getTime()) / 3600e3;
    assert.ok(hours > 23 && hours < 24, `${hours} h from first to last attempt`);
  });

  it('refuses to re-plan a finished delivery or an out-of-order attempt', () => {
    const done = planRetry(pending, result({ ok: true, status: 200 }), now);
    assert.throws(() => planRetry(done, result({ attempt: 2 }), now), /succeeded, not pending/);
    assert.throws(() => planRetry(pending, result({ attempt: 3 }), now), /expects attempt 1/);
  });
});
