import { localize } from '@tessera/core';
import { api } from '@tessera/core/api';
import { hrefOf } from '@tessera/runtime/client';
import { html, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { renderPlugins } from './pack-parts.ts';
import { appHref, appIdOf, cardState, installable, missingPlugins } from './store-model.ts';
import type { StoreTranslate } from './store-texts.ts';
import type { PackListing } from './store-types.ts';

export interface CardActions {
  upgrade(): void;
  uninstall(): void;
}

const segment = encodeURIComponent;

/** One pack of the store: screenshot, what it is and holds, the plugins it needs, its state. */
export function renderPackCard(
  listing: PackListing,
  ctx: AppContext,
  t: StoreTranslate,
  actions: CardActions,
) {
  const { locale } = ctx;
  const label = localize(listing.label, locale, listing.name);
  const state = cardState(listing);
  const missing = missingPlugins(listing).length > 0;
  const blocked = !installable(listing);
  const installed = listing.installed;
  const titleId = `pack-${listing.name}`;
  return html`<article class="card pack" data-pack=${listing.name} aria-labelledby=${titleId}>
    ${
      listing.screenshot
        ? html`<img src=${listing.screenshot} alt=${t('store.screenshot', { label })} loading="lazy" decoding="async" width="640" height="360"
            @error=${(event: Event) => {
              (event.target as HTMLImageElement).hidden = true;
            }} />`
        : nothing
    }
    <div class="title">
      <h2 id=${titleId}>${label}</h2>
      <span class="badge">v${listing.version}</span>
      ${listing.source === 'uploaded' ? html`<span class="badge">${t('store.uploaded')}</span>` : nothing}
    </div>
    ${listing.description ? html`<p>${localize(listing.description, locale)}</p>` : nothing}
    ${renderPlugins(listing, t)}
    <p class="muted counts">${t('store.counts', listing.counts)}</p>
    ${
      missing
        ? html`<p class="error blocked">${t('store.plugin.cannotInstall')}</p>`
        : blocked
          ? html`<p class="error blocked">${t('store.invalid', { n: listing.issues?.length ?? 0 })}</p>`
          : nothing
    }
    <div class="actions">
      ${
        state === 'install' || state === 'failed'
          ? html`${state === 'failed' ? html`<span class="badge warn">${t('store.state.failed')}</span>` : nothing}
            ${
              blocked
                ? html`<button type="button" class="primary install" disabled>${t('store.install')}</button>`
                : html`<a class="button primary install" href=${`/store/${segment(listing.name)}/install`}>${t('store.install')}</a>`
            }`
          : nothing
      }
      ${
        state === 'busy' && installed
          ? html`<span class="badge" role="status">${t(`store.state.${installed.state as 'installing' | 'upgrading' | 'removing'}`)}</span>`
          : nothing
      }
      ${
        (state === 'installed' || state === 'upgrade' || state === 'stalled') && installed
          ? html`${
              state === 'stalled'
                ? html`<span class="badge warn">${t('store.state.stalled')}</span>`
                : html`<span class="badge ok installed">${t('store.state.installed', { version: installed.version })}</span>`
            }
            <a class="button open" href=${appHref(appIdOf(listing))} aria-label=${`${t('store.open')}: ${label}`}>${t('store.open')}</a>
            ${
              state === 'upgrade' || state === 'stalled'
                ? html`<button type="button" class="primary upgrade" ?disabled=${blocked} @click=${actions.upgrade}>${t(state === 'stalled' ? 'store.upgradeAgain' : 'store.upgradeTo', { version: listing.version })}</button>`
                : nothing
            }
            <details class="menu">
              <summary class="button" aria-label=${`${t('store.menu')}: ${label}`}>⋯ ${t('store.menu')}</summary>
              <div class="items">
                <a class="button export-none" download href=${hrefOf(api.packs.export, { name: listing.name }, { data: 'none' })}>${t('store.export.none')}</a>
                <a class="button export-all" download href=${hrefOf(api.packs.export, { name: listing.name }, { data: 'all' })}>${t('store.export.all')}</a>
                <button type="button" class="danger uninstall" @click=${actions.uninstall}>${t('store.uninstall')}</button>
              </div>
            </details>`
          : nothing
      }
    </div>
  </article>`;
}
