import { css } from 'lit';

/** Buttons, cards, badges and notices every page uses, inside its shadow root. */
export const sharedStyles = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  h1 { font-size: 1.375rem; margin: 0 0 1rem; }
  h2 { font-size: 1.125rem; margin: 0 0 0.75rem; }
  a { color: var(--tessera-accent); }
  .card { background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; padding: 1rem 1.25rem; }
  .muted { color: var(--tessera-muted); }
  .row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  .spacer { flex: 1; }
  button, .button {
    font: inherit; border: 1px solid var(--tessera-line); background: var(--tessera-surface); color: var(--tessera-text);
    border-radius: 6px; padding: 0.45rem 0.9rem; cursor: pointer; text-decoration: none; display: inline-flex;
    align-items: center; gap: 0.35rem; min-height: 2.5rem;
  }
  button:hover, .button:hover { border-color: var(--tessera-accent); }
  button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 2px solid var(--tessera-accent); outline-offset: 2px;
  }
  button.primary, .button.primary { background: var(--tessera-accent); border-color: var(--tessera-accent); color: #fff; }
  button.danger { color: var(--tessera-danger); border-color: var(--tessera-danger); }
  button[disabled] { opacity: 0.55; cursor: not-allowed; }
  input, select, textarea { font: inherit; border: 1px solid var(--tessera-line); border-radius: 6px; padding: 0.45rem 0.6rem; min-height: 2.5rem; background: #fff; color: inherit; }
  .badge { display: inline-block; min-width: 1.4rem; padding: 0 0.4rem; border-radius: 999px; font-size: 0.8rem; line-height: 1.4rem; text-align: center; background: var(--tessera-accent-soft); color: var(--tessera-accent); }
  .badge.warn { background: #fdecea; color: var(--tessera-danger); }
  .badge.ok { background: #e6f4ec; color: var(--tessera-ok); }
  .error { color: var(--tessera-danger); background: #fdecea; border-radius: 6px; padding: 0.6rem 0.8rem; }
  .notice { background: var(--tessera-accent-soft); border-radius: 6px; padding: 0.6rem 0.8rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
