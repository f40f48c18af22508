import type { Dataset } from './dataset';

export const XY = ['x', 'y'];
export const XYZ = ['x', 'y', 'z'];

/** Wraps generated rows `[n × dim]` and their labels `[n]` as a Dataset. */
export function toDataset(x: Float32Array, labels: Int32Array, classes: number, columns: string[]): Dataset {
  const n = labels.length;
  const dim = columns.length;
  if (x.length !== n * dim) throw new Error(`internal: ${x.length} values for ${n} rows × ${dim} columns`);
  return { x, n, dim, labels, classes, columns };
}

/**
 * Draws `perClass` 2-D points for each of `classes` classes, class by class:
 * `point(k, out)` writes one point of class k into `out[0..1]`.
 */
export function byClass(classes: number, perClass: number, point: (k: number, out: [number, number]) => void): Dataset {
  const n = classes * perClass;
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const p: [number, number] = [0, 0];
  for (let k = 0, row = 0; k < classes; k++) {
    for (let i = 0; i < perClass; i++, row++) {
      point(k, p);
      x[2 * row] = p[0];
      x[2 * row + 1] = p[1];
      labels[row] = k;
    }
  }
  return toDataset(x, labels, classes, XY);
}
