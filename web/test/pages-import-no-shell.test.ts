import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file names: `import … from`, `export … from`, `import '…'`, `import('…')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g);
  return [...found].map((match) => resolve(dirname(file), match[1]!));
}

/** The files under `from` that import something under `to`, as `file → module`. */
function importsBetween(from: string, to: string): string[] {
  const target = join(src, to);
  return sources(join(src, from)).flatMap((file) =>
    importsOf(file)
      .filter((module) => !relative(target, module).startsWith('..'))
      .map((module) => `${relative(src, file)} → ${relative(src, module)}`),
  );
}

// The shell loads the pages and provides them their context (@lit/context); a page that
// imported the shell back would bring the cycle back.
describe('the web app’s modules', () => {
  it('pages import nothing from the shell', () => {
    assert.deepEqual(importsBetween('pages', 'shell'), []);
  });

  it('sees imports at all: the shell’s routes load the pages', () => {
    assert.ok(importsBetween('shell', 'pages').some((line) => line.startsWith('shell/app-routes')));
  });
});
