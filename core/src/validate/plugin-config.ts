import { type Issue, issue, prefixIssues } from '../issues/issue.ts';
import type { ConfigMigration } from '../plugin/config-migration.ts';
import { validateSchema } from '../schema/validate-schema.ts';

interface ConfigOwner {
  readonly config: object;
  readonly configVersion?: number;
  readonly migrations?: readonly ConfigMigration[];
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Record<string, unknown> }
  | { readonly ok: false; readonly issues: Issue[] };

/**
 * Brings a plugin-owned config (of a field, node or view) to the version its plugin writes and
 * validates it against the plugin's schema. `path` points at the object holding `config`.
 */
export function checkPluginConfig(
  owner: ConfigOwner,
  holder: { readonly config?: Record<string, unknown>; readonly configVersion?: number },
  path: string,
  what: string,
): ConfigResult {
  let config: Record<string, unknown> = holder.config ?? {};
  const target = owner.configVersion ?? 1;
  const version = holder.configVersion ?? target;
  if (version > target) {
    return {
      ok: false,
      issues: [
        issue(`${path}/configVersion`, 'config.newer', {
          en: `the config of ${what} is version ${version}, but the installed plugin reads up to ${target}; upgrade the plugin`,
          'zh-CN': `${what}的配置版本为 ${version}，但已安装的插件最多支持 ${target}；请升级插件`,
        }),
      ],
    };
  }
  for (let step = version; step < target; step++) {
    const migration = owner.migrations?.find((one) => one.from === step);
    if (!migration) {
      return {
        ok: false,
        issues: [
          issue(`${path}/configVersion`, 'config.gap', {
            en: `no migration takes the config of ${what} from version ${step} to ${step + 1}`,
            'zh-CN': `缺少将${what}的配置从版本 ${step} 升级到 ${step + 1} 的迁移`,
          }),
        ],
      };
    }
    config = migration.up(JSON.parse(JSON.stringify(config)));
  }
  const issues = prefixIssues(`${path}/config`, validateSchema(owner.config, config));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config };
}
