/** What `GET /api/apps/{app}/views` says of one view, labels in the reader's language. */
export interface ViewColumn {
  readonly field: string;
  readonly label: string;
  readonly type: string;
  readonly celType: string;
  readonly width?: number;
  readonly link?: { readonly table: string };
}

export interface ViewAggregate {
  readonly id: string;
  readonly fn: string;
  readonly field?: string;
  readonly label: string;
}

export interface ViewDescription {
  readonly id: string;
  readonly label: string;
  readonly table: string;
  readonly type: string;
  readonly columns: readonly ViewColumn[];
  readonly sorts: readonly { field: string; direction: string }[];
  readonly groupBy: readonly Omit<ViewColumn, 'width' | 'link'>[];
  readonly aggregates: readonly ViewAggregate[];
  readonly config: Readonly<Record<string, unknown>>;
}

export interface LinkedRecord {
  readonly id: string;
  readonly table: string;
  readonly display?: string;
}

export interface ViewRow {
  readonly id: string;
  readonly _rev: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly links?: Readonly<Record<string, readonly LinkedRecord[]>>;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface ViewRows {
  readonly items: readonly ViewRow[];
  readonly next?: string;
  readonly total: number;
}

export interface ViewSummary {
  readonly groups: readonly {
    key: Readonly<Record<string, unknown>>;
    label: string;
    count: number;
    aggregates: Readonly<Record<string, unknown>>;
  }[];
  readonly totals: Readonly<Record<string, unknown>>;
  readonly count: number;
}

/** A chart view's settings (`config` of a view of type chart). */
export interface ChartConfig {
  readonly kind: 'bar' | 'column' | 'line' | 'area' | 'pie';
  readonly x?: string;
  readonly series: readonly { aggregate: string }[];
  readonly stacked?: boolean;
}

export const recordHref = (app: string, table: string, id: string) =>
  `/records/${encodeURIComponent(app)}/${encodeURIComponent(table)}/${encodeURIComponent(id)}`;
