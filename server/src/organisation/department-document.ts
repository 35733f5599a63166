import type { StoragePort, Stored } from '@tessera/runtime';
import { readTyped } from '../storage/typed-document.ts';

export const DEPARTMENT_TYPE = 'department';

/** A department (`department:<ulid>`) in the organisation's tree. */
export interface DepartmentFields {
  readonly schemaVersion: number;
  /** Unique among its siblings; no `/` (paths like `总部/市场部` name departments). */
  readonly name: string;
  /** Optional short code, unique without regard to case (a `department-code:` claim). */
  readonly code?: string;
  /** The parent department's id; absent for a root. */
  readonly parent?: string;
  /** The head of the department: a user id. */
  readonly head?: string;
  /**
   * The ancestors' ids, root first (`[]` for a root): the subtree of D is every department whose
   * path starts with D's path plus D, one index range (`departments-by-path`).
   */
  readonly path: readonly string[];
  /** Set while a move is carried to the descendants: the path before the move. */
  readonly movedFrom?: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type DepartmentDocument = Stored<DepartmentFields>;

export const readDepartment = (storage: StoragePort, id: string) =>
  readTyped<DepartmentFields>(storage, id, DEPARTMENT_TYPE);

/** The path its children have: its own path plus itself. */
export const childPath = (department: DepartmentDocument): string[] => [
  ...department.path,
  department._id,
];

export interface DepartmentView {
  readonly id: string;
  readonly _rev: string;
  readonly name: string;
  readonly code?: string;
  readonly parent?: string;
  readonly head?: string;
  readonly path: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function departmentView(department: DepartmentDocument): DepartmentView {
  return {
    id: department._id,
    _rev: department._rev,
    name: department.name,
    ...(department.code === undefined ? {} : { code: department.code }),
    ...(department.parent === undefined ? {} : { parent: department.parent }),
    ...(department.head === undefined ? {} : { head: department.head }),
    path: [...department.path],
    createdAt: department.createdAt,
    updatedAt: department.updatedAt,
  };
}
