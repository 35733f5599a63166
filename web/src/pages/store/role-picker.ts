import { Task } from '@lit/task';
import { type Locale, localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import type { Colleague } from '../../api/people-names.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { problemText, unmapped } from './store-model.ts';
import { STORE_TEXTS } from './store-texts.ts';
import type { PackRole, RoleChoice } from './store-types.ts';

export interface Department {
  readonly id: string;
  readonly name: string;
}

/**
 * `<tessera-role-picker>`: one pack role and who takes it: people found by name
 * (`GET /api/directory/users?q=`) and departments, each shown as a removable chip. A role given
 * to nobody says that its tasks will wait for nobody. Dispatches `tessera-change` with the
 * new {@link RoleChoice}.
 */
export class RolePicker extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    packRole: { attribute: false },
    choice: { attribute: false },
    departments: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: grid; gap: 0.6rem; padding: 0.9rem 1rem; background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; }
      h3 { margin: 0; font-size: 1rem; }
      p { margin: 0; }
      .pickers { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }
      .picker { display: grid; gap: 0.35rem; align-content: start; min-width: 0; }
      .picker input, .picker select { width: 100%; min-width: 0; }
      .found { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; max-height: 12rem; overflow: auto; }
      .found button { width: 100%; justify-content: flex-start; text-align: left; }
      .chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.35rem; }
      .chips li { display: inline-flex; align-items: center; gap: 0.25rem; background: var(--tessera-accent-soft); border-radius: 999px; padding: 0 0.25rem 0 0.7rem; max-width: 100%; overflow-wrap: anywhere; }
      .chips button { min-height: 2rem; padding: 0 0.5rem; border: 0; background: transparent; border-radius: 999px; }
      .add { display: flex; gap: 0.35rem; }
      .add select { flex: 1; }
      .warn { background: #fff4e5; color: var(--tessera-warn); border-radius: 6px; padding: 0.5rem 0.7rem; }
      @media (max-width: 40rem) { .pickers { grid-template-columns: 1fr; } }
    `,
  ];
  declare api: ApiClient;
  declare locale: Locale;
  declare packRole: PackRole;
  declare choice: RoleChoice;
  declare departments: readonly Department[];

  /** People by name, run on each keystroke: only the answer to the last one is shown. */
  private readonly search = new Task(this, {
    autoRun: false,
    task: async ([text]: readonly [string], { signal }): Promise<readonly Colleague[]> =>
      text ? (await this.api.call.workspace.colleagues({ query: { q: text }, signal })).items : [],
  });

  constructor() {
    super();
    this.choice = { users: [], departments: [] };
    this.departments = [];
  }

  private change(choice: RoleChoice) {
    this.choice = choice;
    this.dispatchEvent(new CustomEvent('tessera-change', { detail: choice }));
  }

  private addUser(person: Colleague) {
    if (this.choice.users.some((one) => one.id === person.id)) return;
    const name = `${person.displayName} (${person.username})`;
    this.change({ ...this.choice, users: [...this.choice.users, { id: person.id, name }] });
  }

  private addDepartment() {
    const select = this.renderRoot.querySelector<HTMLSelectElement>('select[name="department"]');
    const department = this.departments.find((one) => one.id === select?.value);
    if (!department || this.choice.departments.some((one) => one.id === department.id)) return;
    this.change({
      ...this.choice,
      departments: [...this.choice.departments, { id: department.id, name: department.name }],
    });
    if (select) select.value = '';
  }

  override render() {
    const t = translator(STORE_TEXTS, this.locale);
    const label = localize(this.packRole.label, this.locale, this.packRole.id);
    const { users, departments } = this.choice;
    const found = this.search.value ?? [];
    const free = this.departments.filter(
      (one) => !departments.some((chosen) => chosen.id === one.id),
    );
    const chips = (list: RoleChoice['users'], remove: (id: string) => void, what: string) =>
      list.length === 0
        ? nothing
        : html`<ul class="chips" aria-label=${what}>${list.map(
            (one) =>
              html`<li>${one.name}<button type="button" aria-label=${t('store.role.remove', { name: one.name })} @click=${() => remove(one.id)}>×</button></li>`,
          )}</ul>`;
    return html`
      <h3 id="role">${label}</h3>
      ${this.packRole.description ? html`<p class="muted">${localize(this.packRole.description, this.locale)}</p>` : nothing}
      <div class="pickers">
        <div class="picker" role="group" aria-label=${t('store.role.people', { role: label })}>
          <label for="people">${t('store.role.peopleLabel')}</label>
          <input id="people" type="search" autocomplete="off" placeholder=${t('store.role.search')}
            @input=${(event: InputEvent) => this.search.run([(event.target as HTMLInputElement).value.trim()])} />
          ${chips(users, (id) => this.change({ ...this.choice, users: users.filter((one) => one.id !== id) }), t('store.role.chosenPeople'))}
          ${
            found.length > 0
              ? html`<ul class="found" aria-label=${t('store.role.found')}>${found.map(
                  (
                    person,
                  ) => html`<li><button type="button" ?disabled=${users.some((one) => one.id === person.id)}
                    @click=${() => this.addUser(person)}>＋ ${person.displayName} <span class="muted">${person.username}</span></button></li>`,
                )}</ul>`
              : nothing
          }
          ${this.search.render({ error: loadStates({ message: problemText }).error })}
        </div>
        <div class="picker" role="group" aria-label=${t('store.role.departments', { role: label })}>
          <label for="department">${t('store.role.departmentLabel')}</label>
          <div class="add">
            <select id="department" name="department">
              <option value="">${t('store.role.pickDepartment')}</option>
              ${free.map((one) => html`<option value=${one.id}>${one.name}</option>`)}
            </select>
            <button type="button" @click=${() => this.addDepartment()}>${t('store.role.add')}</button>
          </div>
          ${chips(departments, (id) => this.change({ ...this.choice, departments: departments.filter((one) => one.id !== id) }), t('store.role.chosenDepartments'))}
        </div>
      </div>
      ${unmapped(this.choice) ? html`<p class="warn" role="note">⚠ ${t('store.role.unmapped')}</p>` : nothing}
    `;
  }
}

if (!customElements.get('tessera-role-picker'))
  customElements.define('tessera-role-picker', RolePicker);
