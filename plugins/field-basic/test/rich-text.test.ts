import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { richTextField, sanitizeRichText } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const f = field('rich-text', {});

describe('rich-text', () => {
  it('keeps ordinary formatting', () => {
    const html =
      '<h2>标题</h2><p><b>bold</b> <em>it</em> <a href="https://x.cn/a" title="t" target="_blank">link</a></p>' +
      '<ul><li>one</li></ul><table><tbody><tr><td colspan="2">c</td></tr></tbody></table>' +
      '<img src="https://x.cn/a.png" alt="a"><img src="data:image/png;base64,iVBOR" alt="b">';
    assert.equal(sanitizeRichText(html), html);
    assert.deepEqual(richTextField.validate(html, f, ctx), []);
  });

  it('strips <script> and <style> with their content', () => {
    assert.equal(
      sanitizeRichText('<p>a<script>alert(1)</script>b<style>p{}</style></p>'),
      '<p>ab</p>',
    );
  });

  it('strips event handlers such as onerror=', () => {
    const clean = sanitizeRichText(
      '<img src="https://x.cn/a.png" onerror="alert(1)"><p onclick=x()>t</p>',
    );
    assert.equal(clean, '<img src="https://x.cn/a.png"><p>t</p>');
    assert.doesNotMatch(clean, /onerror|onclick/);
  });

  it('drops javascript: and other unsafe URLs, however they are spelled', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'jav&#x09;ascript:alert(1)',
      ' javascript:x',
      '//evil.com',
      'vbscript:x',
    ]) {
      assert.equal(sanitizeRichText(`<a href="${href}">x</a>`), '<a>x</a>', href);
    }
    assert.equal(sanitizeRichText('<img src="data:image/svg+xml;base64,PHN2Zz4=">'), '<img>');
    assert.equal(
      sanitizeRichText('<img src="http://x.cn/a.png">'),
      '<img src="http://x.cn/a.png">',
    );
    assert.equal(
      sanitizeRichText('<a href="/records/1" target="_top">x</a>'),
      '<a href="/records/1">x</a>',
    );
  });

  it('removes unknown tags but keeps their text, and escapes stray angle brackets', () => {
    assert.equal(
      sanitizeRichText('<div><iframe src="x"></iframe>hi</div><p>1 < 2</p>'),
      'hi<p>1 &lt; 2</p>',
    );
  });

  it('validate reports rich-text.unsafe when the value is not already sanitised', () => {
    assert.deepEqual(codes(richTextField.validate('<p onclick="x()">t</p>', f, ctx)), [
      ' rich-text.unsafe',
    ]);
    assert.deepEqual(codes(richTextField.validate('<script>x</script>', f, ctx)), [
      ' rich-text.unsafe',
    ]);
    assert.deepEqual(codes(richTextField.validate(3, f, ctx)), [' rich-text.type']);
  });

  it('formats as plain text and treats empty markup as empty', () => {
    assert.equal(richTextField.form.format('<p>a &amp; <b>b</b></p>', f as never, 'en'), 'a & b');
    assert.equal(richTextField.form.isEmpty('<p> </p>'), true);
    assert.equal(richTextField.form.isEmpty('<p><img src="https://x.cn/a.png"></p>'), false);
  });

  it('property: sanitising is idempotent, so sanitised values always validate', () => {
    const pieces = fc.constantFrom(
      '<p>',
      '</p>',
      '<a href="https://x.cn" target="_blank">',
      '</a>',
      '<img src=x onerror=alert(1)>',
      '<script>',
      '</script>',
      '"',
      "'",
      '<',
      '>',
      '&',
      '&amp;',
      'text',
      "<b title='a\"b'>",
      '</b>',
      '<a href="javascript:1">',
      '<!-- c -->',
      '<style>',
      '<td colspan=2>',
      '<span onclick=x>',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 20 }), (parts) => {
        const once = sanitizeRichText(parts.join(''));
        assert.equal(sanitizeRichText(once), once);
        assert.deepEqual(richTextField.validate(once, f, ctx), []);
        assert.doesNotMatch(once, /<script|onerror|onclick|javascript:/i);
      }),
    );
  });
});
