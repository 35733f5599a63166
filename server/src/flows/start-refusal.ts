import type { AssigneeRule } from '@tessera/core';
import {
  FlowError,
  type Organisation,
  type PreparedFlow,
  resolveAssignees,
} from '@tessera/runtime/flow';
import type { ApiError } from '../http/api-error.ts';
import type { AppRolesFields } from '../records/app-roles.ts';
import { noAppRole } from '../records/record-errors.ts';
import { type Caller, tableAccess } from '../records/row-scope.ts';
import { apiErrorOf } from './flow-errors.ts';

/** What deciding a start needs besides the flow and the caller. */
export interface StartCheck {
  /** The app's role mapping (`readAppRoles`). */
  readonly mapping: AppRolesFields | undefined;
  /**
   * The organisation the engine resolves assignees over (`loadOrganisation`); asked for only
   * when the caller holds a role and the start node names initiators.
   */
  readonly organisation: () => Promise<Organisation>;
  /** The values the item starts with: field rules among the initiators read them. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** The server vouches for the caller (a public form's submitter): no app role is needed. */
  readonly trusted?: boolean;
}

/** The start node's `initiators`; none (anyone who holds a role) when absent. */
export const initiatorsOf = (flow: Pick<PreparedFlow, 'start'>): readonly AssigneeRule[] =>
  (flow.start.config as { initiators?: AssigneeRule[] } | undefined)?.initiators ?? [];

/**
 * Why `caller` may not start `flow` (`POST /apps/{app}/flows/{flow}/items`), or undefined when
 * they may. The one decision the start route and the workspace's 新建 list share: a role in
 * the app (or platform admin), as the record service requires for the new record, then the
 * start node's initiators resolved as the engine resolves them at the first submit — 403
 * `start_notAllowed` when the caller is not among them, the engine's 422 when they name nobody.
 */
export async function startRefusal(
  flow: Pick<PreparedFlow, 'app' | 'flow' | 'start'>,
  caller: Caller,
  check: StartCheck,
): Promise<ApiError | undefined> {
  if (!check.trusted && !tableAccess(caller, check.mapping, flow.flow.table).member) {
    return noAppRole(flow.app.id);
  }
  const rules = initiatorsOf(flow);
  if (rules.length === 0) return undefined;
  let allowed: readonly string[];
  try {
    allowed = resolveAssignees(
      rules,
      {
        organisation: await check.organisation(),
        initiator: caller.userId,
        values: check.values ?? {},
      },
      { node: flow.start.id, path: '/config/initiators' },
    );
  } catch (error) {
    if (error instanceof FlowError) return apiErrorOf(error);
    throw error;
  }
  if (allowed.includes(caller.userId)) return undefined;
  return apiErrorOf(
    new FlowError('start.notAllowed', {
      en: `flow "${flow.flow.id}" is started only by the people its start node names`,
      'zh-CN': `流程“${flow.flow.id}”只能由其开始节点指定的人员发起`,
    }),
  );
}
