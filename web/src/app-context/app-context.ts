import { createContext } from '@lit/context';
import type { Locale } from '@tessera/core';
import type { ApiClient } from '../api/api-client.ts';
import type { SyncEngine } from '../offline/sync-engine.ts';

/** The signed-in person, as `/api/auth/me` describes them. */
export interface SignedInUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly department?: string;
}

/**
 * What every page is given by the shell: the API, the language, who is signed in, and how to
 * move to another page. Pages never reach for globals, so each can be mounted alone in a test.
 */
export interface AppContext {
  readonly api: ApiClient;
  readonly locale: Locale;
  /** Absent on public pages seen without signing in. */
  readonly user?: SignedInUser;
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Tells the shell something changed that its header shows (inbox counts). */
  refreshCounts(): void;
  /** The person's offline store and sync engine (opened on first use; absent when signed out). */
  offline(): Promise<SyncEngine>;
  /** A short message the shell shows for a few seconds, across a change of page. */
  flash(message: string): void;
}

/**
 * The shell provides it and pages consume it, so pages never import the shell (the shell
 * imports the pages through its routes). Lives outside both folders for that reason.
 */
export const appContext = createContext<AppContext>(Symbol('tessera.app-context'));
