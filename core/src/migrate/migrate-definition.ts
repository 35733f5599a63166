import type { Issue } from '../issues/issue.ts';
import { type DocumentKind, type MigrationSet, migrateDocument } from './migrations.ts';

const PARTS: readonly (readonly [key: string, kind: DocumentKind])[] = [
  ['tables', 'table'],
  ['forms', 'form'],
  ['flows', 'flow'],
  ['views', 'view'],
  ['roles', 'role'],
  ['dictionaries', 'dictionary'],
];

export type MigrateDefinitionResult =
  | {
      readonly ok: true;
      readonly document: Record<string, unknown>;
      readonly applied: readonly string[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Migrates an app or pack and every part it holds. A part without its own `schemaVersion`
 * is at its container's version (as it was saved together with it).
 */
export function migrateDefinition(
  set: MigrationSet,
  kind: 'app' | 'pack',
  input: unknown,
): MigrateDefinitionResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          code: 'schema.type',
          message: {
            en: `must be an object (a ${kind} definition)`,
            'zh-CN': `应为对象（${kind} 定义）`,
          },
        },
      ],
    };
  }
  const original = input as Record<string, unknown>;
  const top = migrateDocument(set, kind, original, '');
  if (!top.ok) return top;
  const containerVersion = original.schemaVersion as number;
  const document: Record<string, unknown> = { ...top.document };
  const applied = [...top.applied];
  const issues: Issue[] = [];
  for (const [key, partKind] of PARTS) {
    const parts = document[key];
    if (!Array.isArray(parts)) continue;
    document[key] = parts.map((part: unknown, index) => {
      if (part === null || typeof part !== 'object') return part;
      const result = migrateDocument(
        set,
        partKind,
        part as Record<string, unknown>,
        `/${key}/${index}`,
        containerVersion,
      );
      if (!result.ok) {
        issues.push(...result.issues);
        return part;
      }
      applied.push(...result.applied);
      return result.document;
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, document, applied };
}
