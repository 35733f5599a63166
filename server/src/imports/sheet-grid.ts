/** A sheet as text: `cells[i]` is spreadsheet row `rows[i]` (1 is the header). */
export interface SheetGrid {
  readonly rows: readonly number[];
  readonly cells: readonly (readonly string[])[];
}
