import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { translator } from '../../i18n/texts.ts';
import { problemMessage } from '../load-states.ts';
import type { ActionChoice } from './action-dialog.ts';
import { type PersonChoice, personChoiceOf } from './choose-person-dialog.ts';
import type { FlowItem } from './flow-item.ts';
import { commandOf, editableValues, type ItemAction } from './item-actions.ts';
import { ITEM_TEXTS } from './item-texts.ts';

/** Actions after which the person is done with the item and goes back to their inbox. */
const LEAVES = new Set(['submit', 'approve', 'reject', 'return', 'transfer', 'withdraw']);

/** What the controller asks of the page that shows the item. */
export interface ItemActionsOptions {
  readonly ctx: () => AppContext;
  readonly item: () => FlowItem | undefined;
  /** The form's values as the action sends them. */
  readonly values: (action: ItemAction) => Record<string, unknown>;
  /** Whether the form may go; when not, the form shows why. */
  readonly formReady: () => Promise<boolean>;
  /** Shows the item as the server answered it. */
  readonly show: (item: FlowItem) => void;
  /** Reads the item again (someone acted on it meanwhile). */
  readonly reload: () => Promise<unknown>;
  /** The item's name in the outbox. */
  readonly title: (item: FlowItem) => string;
  readonly nodeLabel: (node: string) => string;
}

/** The next step asked who takes it: the person picks, and the action is sent again. */
export interface Choosing {
  readonly choice: PersonChoice;
  readonly action: ItemAction;
  readonly made: ActionChoice;
}

/**
 * The actions on a flow item: the dialog an action asks for, the command while it runs
 * (`busy`), what the server answered (a notice, a problem, a person to choose, a stale item
 * read again) and, offline, the command kept in the outbox. The page only renders its state.
 */
export class ItemActionsController implements ReactiveController {
  busy = false;
  /** The action whose dialog is open. */
  pending: ItemAction | undefined;
  choosing: Choosing | undefined;
  notice: string | undefined;
  problem: string | undefined;
  /** The refusal of the action whose dialog is open, shown in the dialog. */
  dialogProblem: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ItemActionsOptions,
  ) {
    host.addController(this);
  }

  /** A page taken away drops its open dialogs: they must not reopen if it comes back. */
  hostDisconnected(): void {
    this.pending = undefined;
    this.choosing = undefined;
  }

  /** A freshly read item: earlier answers go, and a CC the caller only reads is marked read. */
  loaded(item: FlowItem, offline: boolean) {
    this.set({ notice: undefined, problem: undefined });
    const unread = item.mine.find((task) => task.kind === 'cc' && task.status === 'unread');
    if (!offline && unread && item.mine.every((task) => task.kind === 'cc'))
      void this.run({ name: 'read', task: unread, asks: [], final: false }, {});
  }

  /** A click on an action: the form is checked first, then its dialog opens or it runs. */
  async start(action: ItemAction) {
    if (action.withValues && action.name !== 'saveDraft' && !(await this.options.formReady()))
      return;
    if (action.asks.length === 0 && !action.final) void this.run(action, {});
    else this.set({ pending: action, dialogProblem: undefined });
  }

  cancel() {
    this.set({ pending: undefined, choosing: undefined });
  }

  /** The person chosen for the next step: the action goes again with the choice. */
  chosen(node: string, user: string) {
    const choosing = this.choosing;
    if (!choosing) return;
    this.set({ choosing: undefined });
    const choose = { ...(choosing.made.choose ?? {}), [node]: [user] };
    void this.run(choosing.action, { ...choosing.made, choose });
  }

  async run(action: ItemAction, choice: ActionChoice) {
    const item = this.options.item();
    if (!item) return;
    const { ctx } = this.options;
    const t = translator(ITEM_TEXTS, ctx().locale);
    const values = action.withValues ? editableValues(item, this.options.values(action)) : {};
    this.set({ busy: true, dialogProblem: undefined });
    try {
      const answer = await ctx().api.call.flows.act({
        params: { id: item.id },
        body: commandOf(item, action, choice, values),
        idempotencyKey: crypto.randomUUID(),
      });
      this.set({ pending: undefined });
      ctx().refreshCounts();
      if (LEAVES.has(action.name)) {
        ctx().flash(t(`done.${action.name}`));
        ctx().navigate(action.name === 'submit' ? '/inbox/submitted' : '/');
        return;
      }
      this.options.show(answer);
      this.set({ notice: t(`done.${action.name}`) });
    } catch (error) {
      await this.refused(error, item, action, choice, values);
    } finally {
      this.set({ busy: false });
    }
  }

  private async refused(
    error: unknown,
    item: FlowItem,
    action: ItemAction,
    choice: ActionChoice,
    values: Record<string, unknown>,
  ) {
    const problem = error instanceof ApiProblem ? error : undefined;
    if (problem?.offline) {
      await this.queueOffline(item, action, choice, values);
      return;
    }
    const next = problem && personChoiceOf(problem, this.options.nodeLabel);
    if (next) {
      this.set({ pending: undefined, choosing: { choice: next, action, made: choice } });
    } else if (problem?.status === 409) {
      this.set({ pending: undefined });
      await this.options.reload();
      const t = translator(ITEM_TEXTS, this.options.ctx().locale);
      this.set({ notice: `${problem.message} ${t('stale')}` });
    } else if (this.pending) this.set({ dialogProblem: problemMessage(error) });
    else this.set({ problem: problemMessage(error) });
  }

  /** Keeps the command in the outbox; it is sent, once, when the connection is back. */
  private async queueOffline(
    item: FlowItem,
    action: ItemAction,
    choice: ActionChoice,
    values: Record<string, unknown>,
  ) {
    const ctx = this.options.ctx();
    const t = translator(ITEM_TEXTS, ctx.locale);
    const engine = await ctx.offline();
    await engine.queue(
      {
        id: crypto.randomUUID(),
        kind: 'command',
        item: item.id,
        command: commandOf(item, action, choice, values),
      },
      `${t(`action.${action.name}`)} ${this.options.title(item)}`,
    );
    this.set({ pending: undefined });
    ctx.flash(t('offline.queued'));
    ctx.navigate('/');
  }

  private set(changes: Partial<ItemActionsController>) {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }
}
