import { html, nothing } from 'lit';
import type { StoreTranslate } from './store-texts.ts';
import type { PackListing } from './store-types.ts';

/** The plugins a pack needs, each with ✓ (this server has it) or ✗ (missing or out of range). */
export function renderPlugins(listing: PackListing, t: StoreTranslate) {
  if (listing.plugins.length === 0) return nothing;
  return html`<ul class="plugins" aria-label=${t('store.plugins')}>${listing.plugins.map(
    (plugin) => html`<li class=${plugin.ok ? 'ok' : 'missing'} data-plugin=${plugin.name}>
      <span aria-hidden="true">${plugin.ok ? '✓' : '✗'}</span>
      <span class="visually-hidden">${t(plugin.ok ? 'store.plugin.ok' : 'store.plugin.missing')}</span>
      <code>${plugin.name}</code> <span class="muted">${plugin.range}</span>
    </li>`,
  )}</ul>`;
}
