import type { FlowCommandBody } from '@tessera/core/api';
import type { ActionChoice } from './action-dialog.ts';
import type { FlowItem, ItemTask } from './flow-item.ts';

export type ActionName =
  | 'submit'
  | 'saveDraft'
  | 'approve'
  | 'reject'
  | 'return'
  | 'transfer'
  | 'addSigner'
  | 'withdraw'
  | 'urge'
  | 'comment'
  | 'read';

/** What the dialog must ask before the command goes. */
export type ActionAsk = 'opinion' | 'returnTo' | 'user' | 'signers';

export interface ItemAction {
  readonly name: ActionName;
  readonly task?: ItemTask;
  readonly asks: readonly ActionAsk[];
  /** Cannot be undone: the dialog asks to confirm. */
  readonly final: boolean;
  readonly primary?: boolean;
  /** Sends the form's editable values with it. */
  readonly withValues?: boolean;
}

/**
 * The actions the caller may take on the item as it stands: their open draft (submit, save),
 * their open approval (approve, reject, return, transfer, add signer), the initiator's withdraw
 * and urge while it runs, anyone's comment. The server checks each again.
 */
export function itemActions(item: FlowItem, user: string): ItemAction[] {
  const open = item.mine.filter((task) => task.status === 'open');
  const actions: ItemAction[] = [];
  const draft = open.find((task) => task.kind === 'draft');
  if (draft) {
    actions.push({
      name: 'submit',
      task: draft,
      asks: ['opinion'],
      final: false,
      primary: true,
      withValues: true,
    });
    actions.push({ name: 'saveDraft', task: draft, asks: [], final: false, withValues: true });
  }
  const approval = open.find((task) => task.kind === 'approve');
  if (approval) {
    actions.push(
      {
        name: 'approve',
        task: approval,
        asks: ['opinion'],
        final: true,
        primary: true,
        withValues: true,
      },
      { name: 'reject', task: approval, asks: ['opinion'], final: true },
      { name: 'return', task: approval, asks: ['returnTo', 'opinion'], final: true },
      { name: 'transfer', task: approval, asks: ['user', 'opinion'], final: true },
      { name: 'addSigner', task: approval, asks: ['signers', 'opinion'], final: false },
    );
  }
  const cc = item.mine.find((task) => task.kind === 'cc' && task.status === 'unread');
  if (cc)
    actions.push({ name: 'read', task: cc, asks: [], final: false, primary: !approval && !draft });
  if (item.status === 'running' && item.initiator === user) {
    if (!draft) actions.push({ name: 'withdraw', asks: ['opinion'], final: true });
    actions.push({ name: 'urge', asks: ['opinion'], final: false });
  }
  if (item.status !== 'draft') actions.push({ name: 'comment', asks: ['opinion'], final: false });
  return actions;
}

/** The fields the caller's node may edit: only those go with a command's values. */
export function editableValues(
  item: FlowItem,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const editable: Record<string, unknown> = {};
  for (const [field, right] of Object.entries(item.rights.fields)) {
    if (right === 'edit' && field in values) editable[field] = values[field];
  }
  return editable;
}

/**
 * The command an action sends (`POST /api/flow-items/{id}/commands`, or queued offline): its
 * task, what the dialog collected and the edited values with the revision they were made on.
 * The server checks it against the command union (`FlowCommandSchema`) and names a bad field.
 */
export function commandOf(
  item: FlowItem,
  action: ItemAction,
  choice: ActionChoice,
  values: Record<string, unknown>,
): FlowCommandBody {
  return {
    type: action.name,
    ...(action.task ? { task: action.task.id } : {}),
    ...choice,
    ...(Object.keys(values).length > 0 ? { values, rev: item.record._rev } : {}),
  } as FlowCommandBody;
}
