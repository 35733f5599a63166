import type { AppDefinition, Issue, Platform, TableDefinition } from '@tessera/core';
import type { FlowInstance, OwedEffect } from '../flow/index.ts';
import type { MutateOptions, Stored } from '../storage/storage-port.ts';
import type { OwedApplier } from './flow-store.ts';

/** A table of one published version: what an effect reads and writes records of. */
export interface RecordTarget {
  readonly app: AppDefinition;
  readonly version: number;
  readonly table: TableDefinition;
}

/** A stored record as an effect sees it; `M` is what the effect keeps on it besides values. */
export type EffectRecord<M = object> = Stored<
  {
    readonly type: string;
    readonly app: string;
    readonly table: string;
    readonly appVersion: number;
    readonly values: Readonly<Record<string, unknown>>;
  } & M
>;

/**
 * An effect's decision on a record: new values (stored as `target`'s rules make them), other
 * fields the effect keeps there, or both.
 */
export type RecordChange<M = object> =
  | {
      readonly values: Readonly<Record<string, unknown>>;
      readonly target: RecordTarget;
      readonly marks?: Partial<M>;
    }
  | { readonly values?: undefined; readonly marks: Partial<M> };

/**
 * Records, as the platform's record writer keeps them: whatever an effect writes has its
 * computed fields worked out and the table's rules checked, is logged and announced.
 */
export interface EffectRecords {
  /** The id of the record made under `key` (an effect's own, so a retry finds it). */
  idFor(key: string): string;
  get<M>(id: string): Promise<EffectRecord<M> | undefined>;
  /** `values` with the table's computed fields worked out (what a guard sees). */
  computed(
    target: RecordTarget,
    values: Readonly<Record<string, unknown>>,
  ): Record<string, unknown>;
  /** What the table's rules refuse in `values` once computed (none: it can be stored). */
  issues(target: RecordTarget, values: Readonly<Record<string, unknown>>): readonly Issue[];
  /** Makes the record; one made under the same id before is left as it is (a retry). */
  create(
    target: RecordTarget,
    record: {
      readonly id: string;
      readonly values: Readonly<Record<string, unknown>>;
      /** Whose record it is (row scopes): the flow's initiator. */
      readonly by: string;
      readonly marks?: Readonly<Record<string, unknown>>;
    },
  ): Promise<void>;
  /**
   * Compare-and-swap: `decide` sees the record as stored and answers the change, or undefined
   * for none; after a conflict it runs again. Fails with NotFoundError when there is no record.
   */
  change<M>(
    id: string,
    decide: (record: EffectRecord<M>) => Promise<RecordChange<M> | undefined>,
    options?: MutateOptions,
  ): Promise<void>;
}

/** A child item a sub-flow starts: its record made from `values`, submitted by the initiator. */
export interface ChildStart {
  readonly parent: FlowInstance;
  readonly effect: OwedEffect;
  /** The child flow, in the parent's published version. */
  readonly flow: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * What a node type's side effects reach the platform through. The runtime defines it, a flow
 * plugin's appliers are written against it, and the server wires it to its record writer,
 * published versions and flow service (ADR 0035).
 */
export interface EffectPorts {
  readonly platform: Platform;
  /** Now, as an ISO string (the server's clock). */
  now(): string;
  /** A published version's definition. */
  definition(app: string, version: number): Promise<AppDefinition>;
  readonly records: EffectRecords;
  /** Whether the instance still owes the effect (else its commit never came, or it settled). */
  owes(instance: string, effect: string): Promise<boolean>;
  /** Starts and submits a sub-flow's child item; a second call for the same effect adds nothing. */
  startChild(start: ChildStart): Promise<void>;
}

/** The applier of one kind of owed effect, made from the ports (a plugin's `effects` entry). */
export interface EffectDefinition {
  readonly type: OwedEffect['type'];
  applier(ports: EffectPorts): OwedApplier;
}
