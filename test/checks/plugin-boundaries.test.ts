import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createPlatform } from '@tessera/core';
import { INSTALLED_PLUGINS } from '../../server/src/platform/installed-plugins.ts';
import { findBoundaryCrossings, type PluginPackage } from './plugin-boundary-rules.ts';

// Issue 14: server/, web/ and the designer decide nothing by a type's name and import plugins
// only through their public entries, so a plugin folder alone adds a type end to end.
const root = fileURLToPath(new URL('../..', import.meta.url));

const platform = createPlatform({ plugins: INSTALLED_PLUGINS });
const typeNames = new Set([
  ...platform.fieldTypes.ids(),
  ...platform.nodeTypes.ids(),
  ...platform.viewTypes.ids(),
]);

const plugins: PluginPackage[] = readdirSync(join(root, 'plugins')).flatMap((folder) => {
  const file = join(root, 'plugins', folder, 'package.json');
  if (!statSync(join(root, 'plugins', folder)).isDirectory()) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    name: string;
    exports?: Record<string, string> | string;
  };
  const exports = typeof manifest.exports === 'object' ? Object.keys(manifest.exports) : ['.'];
  return [{ name: manifest.name, exports }];
});

function sources(dir: string, found: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return found; // the designer has no sources yet
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sources(path, found);
    else if (/\.(ts|mts|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const scan = (path: string) =>
  findBoundaryCrossings(path, readFileSync(path, 'utf8'), typeNames, plugins);

describe('plugin boundaries', () => {
  it('knows the installed type names it looks for', () => {
    for (const name of ['link', 'sub-table', 'rich-text', 'start', 'list', 'chart']) {
      assert.ok(typeNames.has(name), name);
    }
  });

  it('finds a type compared with its name, and leaves other names alone', () => {
    const bad = `
      if (field.type === 'link') a();
      if ((computed ?? field?.type) !== 'money') b();
      switch (view.type) { case 'chart': c(); }
      const NUMERIC = new Set(['money', 'number']);
      if (NUMERIC.has(column.type) || ['link', 'attachment'].includes(type)) d();
      import { x } from '@tessera/plugin-field-basic/src/link/link-field.ts';
      import { y } from '../../plugins/view-basic/src/list/list-view.ts';
    `;
    assert.deepEqual(
      findBoundaryCrossings('bad.ts', bad, typeNames, plugins).map((one) => one.line),
      [2, 3, 4, 6, 6, 7, 8],
    );
    const fine = `
      import { fieldBasic } from '@tessera/plugin-field-basic';
      import { defineViewElements } from '@tessera/plugin-view-basic/elements';
      if (command.kind === 'start' || celType === 'list' || doc.type === 'record') a();
      if (platform.fieldTypes.get(field.type)?.holds === 'user') b();
      const kind = celType === 'timestamp' ? 'date' : 'text';
    `;
    assert.deepEqual(findBoundaryCrossings('fine.ts', fine, typeNames, plugins), []);
  });

  it('server/, web/ and the designer name no type and import plugins by their entries', () => {
    const files = ['server/src', 'web/src', 'designer'].flatMap((dir) => sources(join(root, dir)));
    assert.ok(files.length > 100, 'the sources were found');
    const problems = files.flatMap((path) => {
      const name = relative(root, path).split('\\').join('/');
      return scan(path).map((one) => `${name}:${one.line}: ${one.text} — ${one.why}`);
    });
    assert.deepEqual(problems, []);
  });
});
