import { css } from 'lit';

/**
 * The read-only diagram's look. Colours are custom properties so an app can theme them:
 * `--tessera-flow-{done,active,pending}-{fill,stroke,text}`, `--tessera-flow-edge`,
 * `--tessera-flow-edge-taken` and `--tessera-flow-diagram-max-height`.
 */
export const flowDiagramStyles = css`
  :host {
    display: block;
    font-size: 13px;
    color: var(--tessera-flow-text, #1f2328);
  }
  :host([hidden]) {
    display: none;
  }
  .scroll {
    max-height: var(--tessera-flow-diagram-max-height, 80vh);
    overflow: auto;
  }
  svg {
    display: block;
    max-width: 100%;
    height: auto;
    margin-inline: auto;
    font: inherit;
  }
  .edge {
    fill: none;
    stroke: var(--tessera-flow-edge, #c4c7cc);
    stroke-width: 1.5;
  }
  .edge.taken {
    stroke: var(--tessera-flow-edge-taken, #4b5563);
    stroke-width: 2;
  }
  .arrowhead {
    fill: var(--tessera-flow-edge, #c4c7cc);
  }
  .arrowhead.taken {
    fill: var(--tessera-flow-edge-taken, #4b5563);
  }
  .shape {
    stroke-width: 1.5;
  }
  .ring {
    fill: none;
    stroke-width: 1.5;
  }
  .mark {
    fill: none;
    stroke-width: 2.5;
    stroke-linecap: round;
  }
  .label {
    fill: currentColor;
    dominant-baseline: central;
  }
  /* what a countersign needs, under its label */
  .label .note {
    font-weight: 400;
    opacity: 0.8;
  }
  .done {
    color: var(--tessera-flow-done-text, #1e4620);
  }
  .done .shape {
    fill: var(--tessera-flow-done-fill, #e3f1e4);
    stroke: var(--tessera-flow-done-stroke, #6a9d6f);
  }
  .done .ring,
  .done .mark {
    stroke: var(--tessera-flow-done-stroke, #6a9d6f);
  }
  .active {
    color: var(--tessera-flow-active-text, #0b3a8c);
    font-weight: 700;
  }
  .active .shape {
    fill: var(--tessera-flow-active-fill, #e8f0fe);
    stroke: var(--tessera-flow-active-stroke, #1a56db);
    stroke-width: 3;
  }
  .active .ring,
  .active .mark {
    stroke: var(--tessera-flow-active-stroke, #1a56db);
  }
  .pending {
    color: var(--tessera-flow-pending-text, #6b7280);
  }
  .pending .shape {
    fill: var(--tessera-flow-pending-fill, #f4f5f7);
    stroke: var(--tessera-flow-pending-stroke, #c4c7cc);
  }
  .pending .ring,
  .pending .mark {
    stroke: var(--tessera-flow-pending-stroke, #a3a8b0);
  }
  .loading {
    color: #6b7280;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
