import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
type Format = 'email' | 'phone' | 'url';
const text = (config: { maxLength?: number; minLength?: number; format?: Format } = {}) =>
  field('text', config);

describe('text', () => {
  it('counts characters, not UTF-16 units, against maxLength (default 200)', () => {
    assert.deepEqual(textField.validate('你'.repeat(200), text(), ctx), []);
    assert.deepEqual(codes(textField.validate('a'.repeat(201), text(), ctx)), [' text.max-length']);
    assert.deepEqual(textField.validate('😀😀', text({ maxLength: 2 }), ctx), []);
    const [long] = textField.validate('abcd', text({ maxLength: 3 }), ctx);
    assert.equal(long?.message.en, 'has 4 characters; at most 3 are allowed');
    assert.equal(long?.message['zh-CN'], '长度为 4 个字符，最多允许 3 个');
  });

  it('checks minLength, type and line breaks', () => {
    assert.deepEqual(codes(textField.validate('ab', text({ minLength: 3 }), ctx)), [
      ' text.min-length',
    ]);
    assert.deepEqual(codes(textField.validate(42, text(), ctx)), [' text.type']);
    assert.deepEqual(codes(textField.validate('a\nb', text(), ctx)), [' text.line-break']);
  });

  it('checks the email, phone and url formats', () => {
    const cases: [Format, string[], string[]][] = [
      ['email', ['li.lei@example.com', 'a@b.cn'], ['li.lei', 'a@b', 'a b@c.com', 'a@@b.com']],
      [
        'phone',
        ['13812345678', '+86 138-1234-5678', '010-12345678'],
        ['12ab', '123', '++8613812345678'],
      ],
      [
        'url',
        ['https://tessera.dev/a?b=1', 'http://localhost:8080'],
        ['ftp://x.com', 'https://', 'javascript:alert(1)'],
      ],
    ];
    for (const [format, good, bad] of cases) {
      for (const value of good)
        assert.deepEqual(textField.validate(value, text({ format }), ctx), [], value);
      for (const value of bad) {
        assert.deepEqual(
          codes(textField.validate(value, text({ format }), ctx)),
          [` text.${format}`],
          value,
        );
      }
    }
  });

  it('format regexes stay linear on hostile input', () => {
    const hostile = `${'a@'.repeat(20000)}!`;
    const started = performance.now();
    textField.validate(hostile, text({ format: 'email', maxLength: 2000 }), ctx);
    textField.validate(`a@${'b.'.repeat(900)}`, text({ format: 'email', maxLength: 2000 }), ctx);
    assert.ok(performance.now() - started < 200);
  });

  it('maps CEL values to text and trims typed input', () => {
    assert.equal(textField.fromCel(12n, text()), '12');
    assert.equal(textField.toCel('x', text()), 'x');
    assert.deepEqual(textField.form.parseInput?.('  hi ', text() as never), { value: 'hi' });
    assert.equal(textField.form.isEmpty('  '), true);
  });
});
