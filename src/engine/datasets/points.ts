import type { Dataset } from './dataset';
import { toDataset, XY } from './make';

import { MAX_POINT_LABEL, MAX_POINTS, MIN_POINTS, type LabelledPoint } from '../../shared/protocol';

export type { LabelledPoint };

/** Hand-drawn points as a 2-D dataset; classes = largest label + 1. Throws naming the bad point. */
export function pointsDataset(points: readonly LabelledPoint[]): Dataset {
  if (!Array.isArray(points)) throw new Error('points: expected a list of {x, y, label}');
  if (points.length < MIN_POINTS) throw new Error(`points: ${points.length} given, at least ${MIN_POINTS} are needed`);
  if (points.length > MAX_POINTS) throw new Error(`points: ${points.length} given, at most ${MAX_POINTS} are allowed`);
  const x = new Float32Array(points.length * 2);
  const labels = new Int32Array(points.length);
  let classes = 0;
  points.forEach((p, i) => {
    if (typeof p !== 'object' || p === null) throw new Error(`points: point ${i} is not an object {x, y, label}`);
    for (const key of ['x', 'y'] as const) {
      if (typeof p[key] !== 'number' || !Number.isFinite(p[key]) || Math.abs(p[key]) > 3.4e38) {
        throw new Error(`points: point ${i} has ${key} = ${String(p[key])}; expected a finite number`);
      }
    }
    if (!Number.isInteger(p.label) || p.label < -1 || p.label > MAX_POINT_LABEL) {
      throw new Error(
        `points: point ${i} has label ${String(p.label)}; expected an integer from -1 to ${MAX_POINT_LABEL}`,
      );
    }
    x[2 * i] = p.x;
    x[2 * i + 1] = p.y;
    labels[i] = p.label;
    classes = Math.max(classes, p.label + 1);
  });
  return toDataset(x, labels, classes, XY);
}
