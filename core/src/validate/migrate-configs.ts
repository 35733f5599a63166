import type { Issue } from '../issues/issue.ts';
import type { AppDefinition } from '../model/app.ts';
import type { ConfigMigration } from '../plugin/config-migration.ts';
import { checkPluginConfig } from './plugin-config.ts';

interface Owner {
  readonly config: object;
  readonly configVersion?: number;
  readonly migrations?: readonly ConfigMigration[];
}

interface Holder {
  readonly type: string;
  readonly id: string;
  readonly config?: Record<string, unknown>;
  readonly configVersion?: number;
}

export interface ConfigOwners {
  field(type: string): Owner | undefined;
  node(type: string): Owner | undefined;
  view(type: string): Owner | undefined;
}

/**
 * Brings every plugin-owned config (fields, nodes, views) to the version its plugin writes,
 * so the checks and the loaded definition see current configs. Unknown types are left for
 * the checks to report; a config that fails its schema is reported there too.
 */
export function migrateConfigs(
  app: AppDefinition,
  owners: ConfigOwners,
): { app: AppDefinition; issues: Issue[] } {
  const issues: Issue[] = [];
  const migrate = <T extends Holder>(
    holder: T,
    owner: Owner | undefined,
    path: string,
    what: string,
  ): T => {
    const target = owner?.configVersion ?? 1;
    if (!owner || (holder.configVersion ?? target) === target) return holder;
    const result = checkPluginConfig(owner, holder, path, what);
    if (!result.ok) {
      issues.push(...result.issues.filter((one) => one.code.startsWith('config.')));
      return holder;
    }
    return { ...holder, config: result.config, configVersion: target };
  };
  const migrated: AppDefinition = {
    ...app,
    tables: app.tables.map((table, t) => ({
      ...table,
      fields: table.fields.map((field, f) =>
        migrate(field, owners.field(field.type), `/tables/${t}/fields/${f}`, `field "${field.id}"`),
      ),
    })),
    ...(app.flows && {
      flows: app.flows.map((flow, i) => ({
        ...flow,
        nodes: flow.nodes.map((node, n) =>
          migrate(node, owners.node(node.type), `/flows/${i}/nodes/${n}`, `node "${node.id}"`),
        ),
      })),
    }),
    ...(app.views && {
      views: app.views.map((view, v) =>
        migrate(view, owners.view(view.type), `/views/${v}`, `view "${view.id}"`),
      ),
    }),
  };
  return { app: migrated, issues };
}
