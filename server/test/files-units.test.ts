import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition } from '../src/files/content-disposition.ts';
import { consistentType } from '../src/files/mime-types.ts';
import { readServerEnv } from '../src/settings/server-env.ts';

describe('file names, types and the upload cap', () => {
  it('keeps a declared type that agrees with the extension, and fills in an undeclared one', () => {
    assert.equal(consistentType('a.PDF', 'application/pdf'), 'application/pdf');
    assert.equal(consistentType('a.jpg', 'image/JPEG; charset=x'), 'image/jpeg');
    assert.equal(consistentType('a.csv', 'application/vnd.ms-excel'), 'application/vnd.ms-excel');
    assert.equal(consistentType('a.pdf', ''), 'application/pdf');
    assert.equal(consistentType('a.pdf', 'application/octet-stream'), 'application/pdf');
    assert.equal(consistentType('data.bin', ''), 'application/octet-stream');
    assert.equal(consistentType('model.step', 'model/step'), 'model/step');
    assert.equal(consistentType('README', 'text/plain'), 'text/plain');
  });

  it('refuses a type the name contradicts, or a common type on a name without its extension', () => {
    assert.equal(consistentType('evil.html', 'image/png'), undefined);
    assert.equal(consistentType('evil.svg', 'image/png'), undefined);
    assert.equal(consistentType('evil', 'image/png'), undefined);
    assert.equal(consistentType('evil.bin', 'text/html'), undefined);
    assert.equal(consistentType('a.bin', 'not a type'), undefined);
  });

  it('names a download in ASCII and in UTF-8 (RFC 8187)', () => {
    assert.equal(
      contentDisposition('合同 (final).pdf'),
      `attachment; filename="__ (final).pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C%20%28final%29.pdf`,
    );
    assert.equal(
      contentDisposition('a"b\\c.txt'),
      `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
    );
  });

  it('reads the upload cap from MAX_UPLOAD_BYTES, refusing what is not a byte count', () => {
    assert.equal(readServerEnv({ MAX_UPLOAD_BYTES: '1000' }).maxUploadBytes, 1000);
    assert.equal('maxUploadBytes' in readServerEnv({}), false);
    for (const bad of ['0', '-5', '1e6', '10MB']) {
      assert.throws(() => readServerEnv({ MAX_UPLOAD_BYTES: bad }), /MAX_UPLOAD_BYTES/);
    }
  });
});
