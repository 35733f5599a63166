import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invisibleIn, normaliseName } from '../src/storage/unique-name.ts';

const INVISIBLE = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const hex = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('normaliseName', () => {
  it('folds compatibility forms (NFKC) and trims surrounding white space', () => {
    assert.equal(normaliseName('ＡＤＭＩＮ'), 'ADMIN');
    assert.equal(normaliseName('  销售部\u3000'), '销售部');
    assert.equal(normaliseName('ﬁnance'), 'finance');
    assert.equal(normaliseName('Cafe\u0301'), 'Café');
  });

  it('removes every invisible format character', () => {
    for (const char of INVISIBLE) assert.equal(normaliseName(`销售${char}部`), '销售部', hex(char));
    assert.equal(normaliseName('\u200B 销售部 \u200B'), '销售部');
    assert.equal(normaliseName('Cafe\u200B\u0301'), 'Café', 'composes once they are gone');
  });

  it('leaves visible text alone', () => {
    for (const text of ['admin', 'Li.Lei', '华东销售部', 'R&D (Nord)']) {
      assert.equal(normaliseName(text), text);
      assert.equal(invisibleIn(text), undefined);
    }
  });
});

describe('invisibleIn', () => {
  it('names the first invisible character by its code point', () => {
    for (const char of INVISIBLE) assert.equal(invisibleIn(`adm${char}in`), hex(char));
    assert.equal(invisibleIn('ａｄｍ\u200Dｉｎ'), 'U+200D');
  });

  it('ignores white space around the name', () => {
    assert.equal(invisibleIn(' admin\n'), undefined);
  });
});
