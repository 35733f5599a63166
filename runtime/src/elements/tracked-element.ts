import { Tracker } from '@formily/reactive';
import { LitElement, type PropertyValues } from 'lit';

/**
 * A Lit element that re-renders when formily state it read while rendering changes: `update()`
 * runs inside a formily Tracker, so a batch of changes gives one re-render.
 */
export class TrackedElement extends LitElement {
  private tracker: Tracker | undefined;

  protected override update(changed: PropertyValues): void {
    this.tracker ??= new Tracker(() => this.requestUpdate());
    this.tracker.track(() => super.update(changed));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // changes made while the element was detached were not tracked
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tracker?.dispose();
    this.tracker = undefined;
  }
}
