import { css } from 'lit';

/** The store's modal dialogs: a sheet from the bottom on a phone, like the item actions. */
export const dialogStyles = css`
  dialog { border: 0; border-radius: 10px; padding: 1.25rem; width: min(36rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 2rem); overflow: auto; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25); }
  dialog::backdrop { background: rgba(20, 28, 45, 0.45); }
  form, .body { display: grid; gap: 0.9rem; min-width: 0; }
  fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
  legend { font-weight: 500; margin-bottom: 0.3rem; }
  .choice { display: flex; gap: 0.5rem; align-items: flex-start; }
  .choice input { margin-top: 0.3rem; }
  .choice span { display: grid; gap: 0.15rem; }
  label.field { display: grid; gap: 0.3rem; }
  ul.list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.3rem; }
  ul.list li { overflow-wrap: anywhere; }
  code { overflow-wrap: anywhere; }
  .actions { display: flex; gap: 0.5rem; justify-content: flex-end; flex-wrap: wrap; }
  @media (max-width: 40rem) {
    dialog { margin: auto 0 0; width: 100vw; max-width: 100vw; border-radius: 12px 12px 0 0; }
    .actions button { flex: 1; min-height: 3rem; }
  }
`;
