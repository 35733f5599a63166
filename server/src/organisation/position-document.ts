import type { StoragePort, Stored } from '@tessera/runtime';
import { readTyped } from '../storage/typed-document.ts';

export const POSITION_TYPE = 'position';

/** A position (`position:<ulid>`) users may hold: 经理, 会计 … */
export interface PositionFields {
  readonly schemaVersion: number;
  readonly name: string;
  /** Optional short code, unique without regard to case (a `position-code:` claim). */
  readonly code?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type PositionDocument = Stored<PositionFields>;

export const readPosition = (storage: StoragePort, id: string) =>
  readTyped<PositionFields>(storage, id, POSITION_TYPE);

export interface PositionView {
  readonly id: string;
  readonly _rev: string;
  readonly name: string;
  readonly code?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const positionView = (position: PositionDocument): PositionView => ({
  id: position._id,
  _rev: position._rev,
  name: position.name,
  ...(position.code === undefined ? {} : { code: position.code }),
  createdAt: position.createdAt,
  updatedAt: position.updatedAt,
});
