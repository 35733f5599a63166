import type { LocalizedText } from '@tessera/core';

export interface ItemTask {
  readonly id: string;
  readonly node: string;
  readonly kind: 'draft' | 'approve' | 'cc';
  readonly assignee: string;
  readonly status: string;
  readonly createdAt: string;
  readonly actedAt?: string;
  readonly due?: string;
  readonly overdue?: boolean;
}

export interface TimelineEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly node?: string;
  readonly opinion?: string;
  readonly users?: readonly string[];
  /** Entering a countersign: how many of `users` must approve. */
  readonly needed?: number;
  readonly to?: string;
  readonly outcome?: string;
}

/** `GET /api/flow-items/{id}`: the item as the caller may see it. */
export interface FlowItem {
  readonly id: string;
  readonly app: string;
  readonly version: number;
  readonly flow: string;
  readonly status: 'draft' | 'running' | 'approved' | 'rejected' | 'cancelled';
  readonly outcome?: string;
  readonly initiator: string;
  readonly createdAt: string;
  readonly submittedAt?: string;
  readonly endedAt?: string;
  readonly record: {
    readonly id: string;
    readonly _rev: string;
    readonly values: Record<string, unknown>;
  };
  readonly tasks: readonly ItemTask[];
  readonly timeline: readonly TimelineEntry[];
  readonly mine: readonly ItemTask[];
  readonly rights: { readonly node?: string; readonly fields: Readonly<Record<string, string>> };
  readonly passed: readonly string[];
  readonly diagram: {
    readonly nodes: readonly {
      id: string;
      type: string;
      label?: LocalizedText;
      state: 'done' | 'active' | 'pending';
      /** A countersign: at least `atLeast` of the `of` people it reached approve. */
      needed?: { atLeast: number; of: number };
    }[];
    readonly edges: readonly { id: string; from: string; to: string; taken: boolean }[];
  };
}
