import type { Bilingual } from '@tessera/core';
import type { AddressRule } from './address-rules.ts';

/** Why `checkDestination` refused a URL; address refusals name the rule (`private_address`). */
export type DestinationCode =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'credentials_in_url'
  | 'metadata_host'
  | 'unresolved_host'
  | `${AddressRule}_address`;

/**
 * A webhook destination that must not be contacted. `detail` is the bilingual message; a route
 * that stores a webhook URL can answer it as a 400 with the same code.
 */
export class DestinationError extends Error {
  override name = 'DestinationError';
  readonly code: DestinationCode;
  readonly detail: Bilingual;
  /** The refused IP address, when the refusal is about one. */
  readonly address: string | undefined;

  constructor(code: DestinationCode, detail: Bilingual, address?: string) {
    super(detail.en);
    this.code = code;
    this.detail = detail;
    this.address = address;
  }
}
