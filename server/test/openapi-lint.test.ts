import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  BaseResolver,
  createConfig,
  lintDocument,
  type NormalizedProblem,
  Source,
} from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { OpenApiDocument } from '../src/index.ts';
import { makeApp } from './helpers.ts';

const app = await makeApp();
const documentIn = async (locale: string) =>
  (await (await app.request(`/api/openapi.json?locale=${locale}`)).json()) as OpenApiDocument;

/** The document has no external $ref: one would be a bug, so it fails the lint, never fetches. */
class OfflineResolver extends BaseResolver {
  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    throw new Error(`the document refers outside itself: ${absoluteRef}`);
  }
}

const line = (problem: NormalizedProblem) =>
  `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer ?? '#'}: ${problem.message}`;

describe("Redocly's recommended rules", () => {
  for (const locale of ['en', 'zh-CN']) {
    it(`find nothing in the ${locale} document`, async () => {
      const document = await documentIn(locale);
      // the ruleset is built in: no redocly.yaml is looked up, nothing is downloaded
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintDocument({
        document: {
          source: new Source('/api/openapi.json', JSON.stringify(document, null, 2)),
          parsed: document,
        },
        config,
        externalRefResolver: new OfflineResolver(),
      });
      const count = (severity: string) => problems.filter((one) => one.severity === severity);
      assert.equal(
        problems.length,
        0,
        `errors: ${count('error').length}, warnings: ${count('warn').length}:\n${problems.map(line).join('\n')}`,
      );
    });
  }
});

describe('openapi-typescript', () => {
  let dir: string | undefined;
  after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('generates types a strict TypeScript program compiles against', async () => {
    const document = await documentIn('en');
    const types = astToString(await openapiTS(document as never, { silent: true }));
    dir = await mkdtemp(join(tmpdir(), 'tessera-openapi-'));
    const client = join(dir, 'client.ts');
    await writeFile(join(dir, 'openapi.ts'), types);
    await writeFile(
      client,
      [
        "import type { paths } from './openapi.ts';",
        "type Health = paths['/api/health']['get']['responses'];",
        "export const up: Health[200]['content']['application/json'] = { status: 'ok', version: '1' };",
        "export const no: Health['4XX']['content']['application/json'] = { error: { code: 'c', message: 'm' } };",
        '// @ts-expect-error the types are real: "ok" is the only status',
        "export const down: Health[200]['content']['application/json'] = { status: 'down', version: '1' };",
        "type Views = paths['/api/apps/{app}/views']['get'];",
        "export const where: Views['parameters']['path'] = { app: 'contracts' };",
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([client], {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      lib: ['lib.es2022.d.ts'],
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => dir ?? '',
      getNewLine: () => '\n',
    };
    assert.equal(diagnostics.length, 0, ts.formatDiagnostics(diagnostics, host));
  });
});
