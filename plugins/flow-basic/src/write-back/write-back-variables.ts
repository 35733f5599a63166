import type { NodeVariable } from '@tessera/core';
import type { WriteBackConfigValue } from './write-back-config.ts';

/** Node id → the id (a forEach node: the list of ids) of what a create write-back made. */
export const CREATED_VARIABLE: NodeVariable = { name: 'created', type: 'map<string, dyn>' };

/** Up to this many records one forEach write-back makes. */
export const MAX_FOR_EACH = 1000;

const FIELD_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/** The flow table field a forEach names on its own (`plan`), whose rows type `row`. */
export function forEachField(config: WriteBackConfigValue): string | undefined {
  return config.forEach === undefined ? undefined : FIELD_NAME.exec(config.forEach)?.[1];
}

/**
 * The variables a write-back's mapping, guard and recordId see besides the flow record:
 * `created`, and inside a forEach the item as `row` (a sub-table's row, else dyn) and `index`.
 */
export function writeBackVariables(config: WriteBackConfigValue): NodeVariable[] {
  if (config.forEach === undefined) return [CREATED_VARIABLE];
  const field = forEachField(config);
  return [
    CREATED_VARIABLE,
    field === undefined ? { name: 'row', type: 'dyn' } : { name: 'row', type: 'map', rowOf: field },
    { name: 'index', type: 'int' },
  ];
}
