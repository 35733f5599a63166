import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { type AppContext, appContext } from './app-context.ts';

/** A page: its `ctx` stays a plain property, so a test can still set it without a shell. */
export interface AppContextHost extends ReactiveControllerHost, HTMLElement {
  ctx: AppContext;
}

/**
 * Fills the page's `ctx` from the nearest provider (the shell) when it connects, and again
 * whenever the shell's context changes (the language, who is signed in). Without a provider
 * the property keeps whatever it was given.
 */
export function consumeAppContext(host: AppContextHost) {
  return new ContextConsumer(host, {
    context: appContext,
    subscribe: true,
    callback: (ctx) => {
      host.ctx = ctx;
    },
  });
}
