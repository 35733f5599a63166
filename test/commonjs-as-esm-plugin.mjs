// A @web/test-runner plugin serving CommonJS files of node_modules as ES modules. @tessera/core
// imports `semver` and field-basic imports `xss`, both CommonJS, which the dev server cannot
// serve as they are (vite converts them in the app), so browser tests importing
// `createPlatform` need it (test/web-test-runner.config.mjs).
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// esbuild comes with @web/dev-server-esbuild (pnpm keeps it beside that package, not at the root)
const esbuildPlugin = realpathSync(join(root, 'test/node_modules/@web/dev-server-esbuild'));
const esbuild = createRequire(join(esbuildPlugin, 'package.json'))('esbuild');

const isCommonJs = (body) =>
  /\bmodule\.exports\b|\bexports\.\w+\s*=|\brequire\(/.test(body) &&
  !/^\s*(import|export)\s/m.test(body);

/** Bundles a CommonJS file of node_modules into one ES module: default and named exports. */
export function commonJsAsEsm() {
  return {
    name: 'tessera-commonjs-as-esm',
    async transform(context) {
      const path = context.path;
      if (!path.includes('/node_modules/') || !path.endsWith('.js')) return undefined;
      if (typeof context.body !== 'string' || !isCommonJs(context.body)) return undefined;
      const file = join(root, decodeURIComponent(path));
      // the runner's own virtual files (its mocha bundle) are not on disk
      if (!existsSync(file)) return undefined;
      // named exports as Node sees them, so `import { FilterXSS } from 'xss'` works too
      const names = Object.keys(createRequire(file)(file)).filter(
        (name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
      );
      const entry = `import cjs from ${JSON.stringify(file)}; export default cjs;${
        names.length > 0 ? ` export const { ${names.join(', ')} } = cjs;` : ''
      }`;
      const result = await esbuild.build({
        stdin: { contents: entry, resolveDir: dirname(file), loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text };
    },
  };
}
