import { css } from 'lit';

/** The look every field element shares: label above input, message below. */
export const fieldStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label,
  .label {
    font-weight: 600;
  }
  .required {
    color: #b42318;
    margin-inline-start: 0.25rem;
  }
  .error {
    color: #b42318;
    font-size: 0.875rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.375rem 0.5rem;
    border: 1px solid #c4c7cc;
    border-radius: 4px;
    /* fill the grid cell, never spill over the next one (narrow screens, sub-table cells) */
    box-sizing: border-box;
    width: 100%;
    min-width: 0;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: auto;
    justify-self: start;
  }
  [aria-invalid='true'] {
    border-color: #b42318;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  output {
    min-height: 1.5rem;
  }
  .pre-wrap {
    white-space: pre-wrap;
  }
`;
