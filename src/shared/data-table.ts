/**
 * A whole table of data before any split: what the engine parses from a CSV file or builds from
 * drawn points, what a session embeds and what travels back to the engine to rebuild it.
 */

export interface DataTable {
  /** `[n × dim]` */
  x: Float32Array;
  n: number;
  dim: number;
  /** `[n]`, -1 where unknown. */
  labels: Int32Array;
  classes: number;
  /** `[dim]` */
  columns: string[];
  /** `[classes]`, where the source named its classes (a CSV label column). */
  classNames: string[] | null;
}

/** Limits of a table in a message or a file. */
export const TABLE_LIMITS = { rows: 10_000_000, columns: 1_000_000, name: 200 } as const;

/** A deep copy of a table's fields (of a DataTable, or of a dataset that has them). */
export function copyTable(t: Omit<DataTable, 'classNames'> & { classNames?: string[] | null }): DataTable {
  return {
    x: t.x.slice(),
    n: t.n,
    dim: t.dim,
    labels: t.labels.slice(),
    classes: t.classes,
    columns: [...t.columns],
    classNames: t.classNames ? [...t.classNames] : null,
  };
}
